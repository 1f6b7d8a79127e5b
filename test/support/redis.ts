import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of the test's own on the shared Redis, so parallel runs never see each other's queues and channels. */
export function redisPrefix(name: string): string {
  return `test-${name}-${randomBytes(4).toString('hex')}:`;
}

/** Removes every key under the prefix (what a cluster test's processes left in Redis). */
export async function clearRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

/** The environment of one process of a cluster on the shared Redis under `prefix`, in the given role. */
export function clusterEnv(role: 'api' | 'worker' | 'all', prefix: string): Record<string, string> {
  return { INBOX_ROLE: role, REDIS_URL, REDIS_PREFIX: prefix };
}
