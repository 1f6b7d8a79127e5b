import { Controller, Get, Inject, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Request, Response } from 'express';
import { Public } from '@app/agents';
import { ChannelRegistry } from '@app/channels';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { OpsAccess } from './ops-access';

/**
 * Liveness and readiness for load balancers: the database and every enabled channel. Anyone learns up or down
 * (200 or 503); which channel is down and why (it may name an account) only an ops token or METRICS_TOKEN.
 */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly registry: ChannelRegistry,
    private readonly ops: OpsAccess,
  ) {}

  @Get()
  @ApiOperation({ summary: '{"status":"up"} (200) or {"status":"down"} (503); with an ops token or METRICS_TOKEN, every check and its reason' })
  async check(@Req() request: Request, @Res({ passthrough: true }) res: Response) {
    const detailed = await this.ops.isOps(request);
    const result = await this.run();
    res.status(result.status === 'ok' ? 200 : 503);
    return detailed ? result : { status: result.status === 'ok' ? 'up' : 'down' };
  }

  private async run(): Promise<HealthCheckResult> {
    const channels = this.config.role === 'api' ? [] : this.config.channels.filter((c) => c.enabled).map((c) => () => {
      const check = this.indicator.check(`channel:${c.id}`);
      const health = this.registry.health(c.id);
      const details = { type: c.type, state: health?.state ?? 'connecting', reason: health?.reason };
      return health?.state === 'ready' ? check.up(details) : check.down(details);
    });
    try {
      return await this.health.check([() => this.db.pingCheck('database'), ...channels]);
    } catch (err) {
      if (err instanceof ServiceUnavailableException) return err.getResponse() as HealthCheckResult;
      throw err;
    }
  }
}
