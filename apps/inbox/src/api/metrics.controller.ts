import { Controller, Get, Header, Inject, Req, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@app/agents';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { MetricsService } from '@app/platform/metrics/metrics.service';
import { OpsAccess } from './ops-access';

/** Prometheus scrape endpoint: no customer data, so public unless METRICS_TOKEN closes it. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly ops: OpsAccess,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async scrape(@Req() request: Request): Promise<string> {
    if (this.config.http.metricsToken && !(await this.ops.isOps(request))) {
      throw new UnauthorizedException('metrics need Authorization: Bearer <METRICS_TOKEN> (or an ops API token)');
    }
    return this.metrics.registry.metrics();
  }
}
