import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig } from '@app/platform/config';
import { FailedAuthLimiter, TooManyFailedSignIns } from '../apps/inbox/src/api/rate-limits';

const limits = { failedAuthPerAddress: 3, failedAuthWindowMs: 60_000, failedAuthBlockMs: 1000 };
const config = { limits } as unknown as AppConfig;

/** The same limiter on the in-memory storage of one process and on the Redis storage a cluster plugs in. */
describe.each([
  ['in memory', () => ({ storage: new ThrottlerStorageService() as ThrottlerStorage, close: async () => undefined })],
  ['Redis', () => {
    const redis = new Redis('redis://127.0.0.1:6379', { keyPrefix: `test-auth-${process.pid}-${Date.now()}:` });
    return { storage: new ThrottlerStorageRedisService(redis) as ThrottlerStorage, close: async () => { await redis.quit(); } };
  }],
])('FailedAuthLimiter on %s storage', (_name, make) => {
  let storage: ThrottlerStorage;
  let close: () => Promise<void>;
  beforeEach(() => ({ storage, close } = make()));
  afterEach(() => close());

  it('refuses an address after too many failures, even its right token, until the block ends; other addresses go on', async () => {
    const limiter = new FailedAuthLimiter(storage, config);
    for (let i = 0; i < 3; i++) {
      await limiter.assertAllowed('198.51.100.1');
      await limiter.recordFailure('198.51.100.1');
    }
    // Successful sign-ins in between count nothing.
    for (let i = 0; i < 10; i++) await limiter.assertAllowed('198.51.100.1');
    await expect(limiter.recordFailure('198.51.100.1')).rejects.toBeInstanceOf(TooManyFailedSignIns);
    const refused = await limiter.assertAllowed('198.51.100.1').catch((e: TooManyFailedSignIns) => e);
    expect(refused).toBeInstanceOf(TooManyFailedSignIns);
    expect((refused as TooManyFailedSignIns).retryAfterSeconds).toBe(1);
    await limiter.assertAllowed('198.51.100.2');

    await new Promise((r) => setTimeout(r, 1100));
    await limiter.assertAllowed('198.51.100.1');
  });
});
