import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AgentRole, AgentsService, Principal, PUBLIC_KEY, ROLES_KEY } from '@app/agents';

/** Every route needs a bearer token unless marked @Public(); @Roles('ops') routes answer 403 to agents. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly agents: AgentsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('an API token is required: Authorization: Bearer <token>');
    const principal = await this.agents.authenticate(match[1]);
    if (!principal) throw new UnauthorizedException('the API token is not valid');
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<AgentRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenException(`this action needs the role ${roles.join(' or ')}`);
    return true;
  }
}
