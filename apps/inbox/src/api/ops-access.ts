import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AgentsService } from '@app/agents';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { bearerToken } from './auth.guard';
import { FailedAuthLimiter, requestAddressKey } from './rate-limits';

/**
 * Who may read operations data (/metrics when METRICS_TOKEN is set, /health's details): a request bearing
 * METRICS_TOKEN (for a scraper) or an ops agent's API token. A wrong token is a failed sign-in like any other.
 */
@Injectable()
export class OpsAccess {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agents: AgentsService,
    private readonly failedAuth: FailedAuthLimiter,
  ) {}

  /** true for an ops caller, false without a token; 401 (or 429) for a wrong token, 403 for an agent's. */
  async isOps(request: Request): Promise<boolean> {
    const token = bearerToken(request);
    if (!token) return false;
    const address = requestAddressKey(request);
    await this.failedAuth.assertAllowed(address);
    if (this.config.http.metricsToken && sameSecret(token, this.config.http.metricsToken)) return true;
    const principal = await this.agents.authenticate(token);
    if (principal?.role === 'ops') return true;
    if (principal) throw new ForbiddenException('operations data needs an ops token or METRICS_TOKEN');
    await this.failedAuth.recordFailure(address);
    throw new UnauthorizedException('the token is not valid');
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
