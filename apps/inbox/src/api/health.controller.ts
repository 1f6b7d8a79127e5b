import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@app/agents';
import { ChannelRegistry } from '@app/channels';
import { APP_CONFIG, AppConfig } from '@app/platform/config';

/** Liveness and readiness for load balancers: the database and every enabled channel. */
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
  ) {}

  @Get()
  @HealthCheck()
  check() {
    const channels = this.config.role === 'api' ? [] : this.config.channels.filter((c) => c.enabled).map((c) => () => {
      const check = this.indicator.check(`channel:${c.id}`);
      const health = this.registry.health(c.id);
      const details = { type: c.type, state: health?.state ?? 'connecting', reason: health?.reason };
      return health?.state === 'ready' ? check.up(details) : check.down(details);
    });
    return this.health.check([() => this.db.pingCheck('database'), ...channels]);
  }
}
