import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AgentRole, AgentsService, Principal, PUBLIC_KEY, ROLES_KEY } from '@app/agents';
import { FailedAuthLimiter, requestAddressKey } from './rate-limits';

/**
 * Every route needs a bearer token unless marked @Public(); @Roles('ops') routes answer 403 to agents.
 * Wrong tokens count against the caller's address: too many and it gets 429 with Retry-After.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly agents: AgentsService, private readonly failedAuth: FailedAuthLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const token = bearerToken(request);
    if (!token) throw new UnauthorizedException('an API token is required: Authorization: Bearer <token>');
    const address = requestAddressKey(request);
    await this.failedAuth.assertAllowed(address);
    const principal = await this.agents.authenticate(token);
    if (!principal) {
      await this.failedAuth.recordFailure(address);
      throw new UnauthorizedException('the API token is not valid');
    }
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<AgentRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenException(`this action needs the role ${roles.join(' or ')}`);
    return true;
  }
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(request: Pick<Request, 'headers'>): string | null {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
}
