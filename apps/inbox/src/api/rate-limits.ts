import { ArgumentsHost, Catch, ExceptionFilter, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModule, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { RedisConnections } from '@app/platform/redis/redis-connections';
import { addressKey } from './client-address.util';

/** Named limits; a route opts into `visitor` and `webchatAddress` with @SkipThrottle({ visitor: false, webchatAddress: false }). */
export const VISITOR_LIMIT = 'visitor';
export const WEBCHAT_ADDRESS_LIMIT = 'webchatAddress';

/** Every guarded request counts against its address (an IPv6 /64), as Express sees it under TRUST_PROXY. */
export const requestAddressKey = (req: Pick<Request, 'ip'>): string => addressKey(req.ip);

/**
 * A visitor is counted by the token they send (its hash: tokens never become storage keys); a request without one
 * counts against its address. A made-up token is refused with 401 anyway, so inventing tokens buys no requests.
 */
function visitorTracker(req: Record<string, any>): string {
  const token = req.headers?.['x-visitor-token'];
  return typeof token === 'string' && token ? `visitor:${createHash('sha256').update(token.slice(0, 100)).digest('hex').slice(0, 32)}` : `address:${addressKey(req.ip)}`;
}

/**
 * The one place rate limits are configured; counters live in @nestjs/throttler's ThrottlerStorage (in memory on
 * one process, shared storage in a cluster), never in a Map of our own.
 */
export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  const window = config.limits.webchatWindowMs;
  return {
    throttlers: [
      { name: 'default', ttl: 60_000, limit: 600 },
      { name: VISITOR_LIMIT, ttl: window, limit: config.limits.webchatPerVisitor, getTracker: visitorTracker },
      { name: WEBCHAT_ADDRESS_LIMIT, ttl: window, limit: config.limits.webchatPerAddress },
    ],
    getTracker: (req) => addressKey(req.ip),
  };
}

/** In a cluster the counters live in Redis under REDIS_PREFIX, so a limit holds across API processes. */
export const RateLimitsModule = ThrottlerModule.forRootAsync({
  inject: [APP_CONFIG, RedisConnections],
  useFactory: (config: AppConfig, redis: RedisConnections): ThrottlerModuleOptions => ({
    ...throttlerOptions(config),
    storage: redis.enabled ? new ThrottlerStorageRedisService(redis.connect('throttler', { keyPrefix: redis.key('throttle:') })) : undefined,
  }),
});

/** ThrottlerGuard that also sends a plain `Retry-After`, whichever named limit was hit (the library names it Retry-After-<name>). */
@Injectable()
export class PublicThrottlerGuard extends ThrottlerGuard {
  protected async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}

/** 429 for an address that failed to authenticate too often; Retry-After says when it may try again. */
export class TooManyFailedSignIns extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super({
      statusCode: HttpStatus.TOO_MANY_REQUESTS,
      error: 'Too Many Requests',
      message: `too many failed sign-ins from this address; try again in ${retryAfterSeconds} s`,
    }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Answers TooManyFailedSignIns with its Retry-After header. */
@Catch(TooManyFailedSignIns)
export class FailedSignInsFilter implements ExceptionFilter {
  catch(error: TooManyFailedSignIns, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(error.getStatus()).json(error.getResponse());
  }
}

/**
 * Failed authentication per address (API tokens, the realtime handshake, ops tokens): after
 * `limits.failedAuthPerAddress` failures in the window the address is refused — with a right token too, so
 * guessing cannot go on — for `limits.failedAuthBlockSeconds`.
 */
@Injectable()
export class FailedAuthLimiter {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws TooManyFailedSignIns while the address is refused. */
  async assertAllowed(address: string): Promise<void> {
    const { failedAuthBlockMs } = this.config.limits;
    // Hits on this key never block by themselves (limit: MAX); only recordFailure sets its block. A one-second
    // window keeps the in-memory storage's list of hits short for an address sending many requests.
    const state = await this.storage.increment(`auth-block:${address}`, 1000, Number.MAX_SAFE_INTEGER, failedAuthBlockMs, 'auth-block');
    if (state.isBlocked) throw new TooManyFailedSignIns(Math.max(1, state.timeToBlockExpire));
  }

  /** Counts a failure; throws TooManyFailedSignIns when it is one too many. */
  async recordFailure(address: string): Promise<void> {
    const { failedAuthPerAddress, failedAuthWindowMs, failedAuthBlockMs } = this.config.limits;
    const failures = await this.storage.increment(`auth-failures:${address}`, failedAuthWindowMs, failedAuthPerAddress, failedAuthWindowMs, 'auth-failures');
    if (failures.totalHits <= failedAuthPerAddress) return;
    await this.storage.increment(`auth-block:${address}`, 1000, 0, failedAuthBlockMs, 'auth-block');
    throw new TooManyFailedSignIns(Math.ceil(failedAuthBlockMs / 1000));
  }
}
