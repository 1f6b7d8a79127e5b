import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AgentRole, AgentsService, Principal, PUBLIC_KEY, ROLES_KEY, SessionsService } from '@app/agents';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { FailedAuthLimiter, requestAddressKey } from './rate-limits';
import { CSRF_HEADER, isSafeMethod, isSameOrigin, readCookie, SESSION_COOKIE } from './session-cookie.util';

/**
 * Every route needs a caller unless marked @Public(): a bearer token (integrations, the CLI) or the browser's
 * session cookie; @Roles('ops') routes answer 403 to agents. A cookie-authenticated write must carry the
 * session's CSRF token in X-CSRF-Token (a bearer token cannot be sent by another site, so it needs none).
 * Wrong tokens count against the caller's address: too many and it gets 429 with Retry-After.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly agents: AgentsService,
    private readonly sessions: SessionsService,
    private readonly failedAuth: FailedAuthLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = await this.caller(request);
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<AgentRole[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenException(`this action needs the role ${roles.join(' or ')}`);
    return true;
  }

  private async caller(request: Request): Promise<Principal> {
    const token = bearerToken(request);
    if (token) {
      const address = requestAddressKey(request);
      await this.failedAuth.assertAllowed(address);
      const principal = await this.agents.authenticate(token);
      if (principal) return principal;
      await this.failedAuth.recordFailure(address);
      throw new UnauthorizedException('the API token is not valid');
    }
    const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!secret) throw new UnauthorizedException('sign in first, or send an API token: Authorization: Bearer <token>');
    const session = await this.sessions.authenticate(secret);
    if (!session) throw new UnauthorizedException('the session has ended; sign in again');
    if (!isSafeMethod(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (!isSameOrigin(request.headers.origin, request.headers.host, this.config.publicUrl) || !this.sessions.csrfMatches(session.csrfHash, typeof sent === 'string' ? sent : undefined)) {
        throw new ForbiddenException('a write with the session cookie needs the X-CSRF-Token header from the inbox page');
      }
    }
    return session.principal;
  }
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(request: Pick<Request, 'headers'>): string | null {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
}
