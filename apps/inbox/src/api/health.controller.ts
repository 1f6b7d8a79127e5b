import { Controller, Get, Inject, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Request, Response } from 'express';
import type Redis from 'ioredis';
import { Public } from '@app/agents';
import { ChannelRegistry } from '@app/channels';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { RedisConnections } from '@app/platform/redis/redis-connections';
import { OpsAccess } from './ops-access';

const REDIS_PING_TIMEOUT_MS = 1000;

/**
 * Served by every process on its PORT. `/health/live`: the process runs. `/health/ready`: it can serve (the
 * database, and Redis in a cluster), which is what a load balancer asks; a channel's state never takes a
 * process out of rotation (a WhatsApp number waiting for a scan is not an outage of the API). `/health`: the
 * same plus the state of every channel this process holds. Anyone learns up or down (200 or 503); which check
 * is down and why (it may name an account) only an ops token or METRICS_TOKEN.
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
    private readonly ops: OpsAccess,
  ) {}

  @Get()
  @ApiOperation({ summary: '{"status":"up"} (200) or {"status":"down"} (503); with an ops token or METRICS_TOKEN, every check (database, Redis, the channels this process holds) and its reason' })
  async check(@Req() request: Request, @Res({ passthrough: true }) res: Response) {
    const channels = this.config.channels.filter((c) => c.enabled && this.registry.health(c.id)).map((c) => () => {
      const check = this.indicator.check(`channel:${c.id}`);
      const health = this.registry.health(c.id)!;
      const details = { type: c.type, state: health.state, reason: health.reason };
      return health.state === 'ready' ? check.up(details) : check.down(details);
    });
    return this.answer(request, res, [...this.readiness(), ...channels]);
  }

  @Get('live')
  @ApiOperation({ summary: 'The process runs' })
  live() {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'The process can serve: its database, and Redis in a cluster' })
  ready(@Req() request: Request, @Res({ passthrough: true }) res: Response) {
    return this.answer(request, res, this.readiness());
  }

  private async answer(request: Request, res: Response, checks: HealthIndicatorFunction[]) {
    const detailed = await this.ops.isOps(request);
    let result: HealthCheckResult;
    try {
      result = await this.health.check(checks);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      result = err.getResponse() as HealthCheckResult;
    }
    res.status(result.status === 'ok' ? 200 : 503);
    return detailed ? result : { status: result.status === 'ok' ? 'up' : 'down' };
  }

  private readiness(): HealthIndicatorFunction[] {
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
