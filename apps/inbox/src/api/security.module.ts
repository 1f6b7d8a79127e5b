import { Global, Module } from '@nestjs/common';
import { OpsAccess } from './ops-access';
import { FailedAuthLimiter, RateLimitsModule } from './rate-limits';

/**
 * Rate-limit storage, the failed sign-in limiter and the ops check, for every role: the API's guards use them,
 * and so do the health route and the realtime handshake, which every process serves.
 */
@Global()
@Module({
  imports: [RateLimitsModule],
  providers: [FailedAuthLimiter, OpsAccess],
  exports: [RateLimitsModule, FailedAuthLimiter, OpsAccess],
})
export class SecurityModule {}
