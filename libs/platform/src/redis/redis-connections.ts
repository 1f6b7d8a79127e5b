import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * The one place that opens Redis connections (cluster mode, `REDIS_URL`). Every user gets its own
 * connection (a subscriber cannot share one; BullMQ wants `maxRetriesPerRequest: null`), all are closed
 * at shutdown, and every key the inbox writes starts with `REDIS_PREFIX`, so two installations or two
 * test runs can share one Redis.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly open = new Set<Redis>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** True when the inbox runs as a cluster. */
  get enabled(): boolean {
    return this.config.redis !== undefined;
  }

  /** `REDIS_PREFIX` (default `inbox:`). */
  get prefix(): string {
    return this.requireConfig().prefix;
  }

  /** A key under the installation's prefix: `key('presence', 7)` → `inbox:presence:7`. */
  key(...parts: Array<string | number>): string {
    return `${this.prefix}${parts.join(':')}`;
  }

  /** A new connection, closed with the application. `name` shows in `CLIENT LIST` for ops. */
  connect(name: string, options: RedisOptions = {}): Redis {
    const client = new Redis(this.requireConfig().url, { connectionName: `${this.prefix}${name}:${process.pid}`, ...options });
    // ioredis reconnects by itself; an unhandled 'error' event would crash the process.
    client.on('error', () => undefined);
    this.open.add(client);
    client.once('end', () => this.open.delete(client));
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.open].map((c) => c.quit().catch(() => c.disconnect())));
    this.open.clear();
  }

  private requireConfig(): { url: string; prefix: string } {
    if (!this.config.redis) throw new Error('Redis is not configured: set REDIS_URL to run as a cluster');
    return this.config.redis;
  }
}
