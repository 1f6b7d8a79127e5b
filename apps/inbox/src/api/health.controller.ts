import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { Public } from '@app/agents';
import { ChannelRegistry } from '@app/channels';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { RedisConnections } from '@app/platform/redis/redis-connections';

const REDIS_PING_TIMEOUT_MS = 1000;

/**
 * Served by every process on its PORT. `/health/live`: the process runs. `/health/ready`: it can serve (the
 * database, and Redis in a cluster), which is what a load balancer asks; a channel's state never takes a
 * process out of rotation (a WhatsApp number waiting for a scan is not an outage of the API). `/health`: the
 * same plus the state of every channel this process holds.
 */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  private redisClient: Redis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly registry: ChannelRegistry,
    private readonly redis: RedisConnections,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Database, Redis (cluster) and the channels this process holds' })
  check() {
    const channels = this.config.channels.filter((c) => c.enabled && this.registry.health(c.id)).map((c) => () => {
      const check = this.indicator.check(`channel:${c.id}`);
      const health = this.registry.health(c.id)!;
      const details = { type: c.type, state: health.state, reason: health.reason };
      return health.state === 'ready' ? check.up(details) : check.down(details);
    });
    return this.health.check([...this.readiness(), ...channels]);
  }

  @Get('live')
  @ApiOperation({ summary: 'The process runs' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'The process can serve: its database, and Redis in a cluster' })
  ready() {
    return this.health.check(this.readiness());
  }

  private readiness() {
    const checks: HealthIndicatorFunction[] = [() => this.db.pingCheck('database')];
    if (this.redis.enabled) checks.push(() => this.pingRedis());
    return checks;
  }

  private async pingRedis() {
    const check = this.indicator.check('redis');
    this.redisClient ??= this.redis.connect('health', { maxRetriesPerRequest: 1 });
    try {
      await Promise.race([
        this.redisClient.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), REDIS_PING_TIMEOUT_MS).unref()),
      ]);
      return check.up();
    } catch (err) {
      return check.down({ reason: (err as Error).message });
    }
  }
}
