import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChannelRegistry } from '@app/channels';
import { APP_CONFIG, AppConfig } from '@app/platform/config';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels')
export class ChannelsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly registry: ChannelRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Configured channels and the state of each connection' })
  list() {
    return {
      items: this.config.channels.map((c) => {
        const health = c.enabled ? this.registry.health(c.id) : { state: 'stopped' as const, reason: 'disabled in configuration', since: undefined };
        return {
          id: c.id,
          type: c.type,
          name: c.name,
          enabled: c.enabled,
          state: health?.state ?? (this.config.role === 'api' ? 'unknown' : 'connecting'),
          reason: health?.reason ?? (this.config.role === 'api' ? 'connections are held by a worker process' : null),
          since: health?.since?.toISOString() ?? null,
        };
      }),
    };
  }
}
