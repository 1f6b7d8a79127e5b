import { Body, ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import QRCode from 'qrcode';
import { Roles } from '@app/agents';
import { ChannelRegistry, ChannelTypeCatalog, splitText } from '@app/channels';
import { ReplyPartsDto } from './dto/reply-parts.dto';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { Leases } from '@app/platform/leases/leases';
import { channelLeaseName } from '../channel-contexts';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels')
export class ChannelsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ChannelRegistry,
    private readonly leases: Leases,
    private readonly channelTypes: ChannelTypeCatalog,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Configured channels: the state of each connection, the process holding it (`owner`) and what each can carry; every registered channel type with its name, badge and capabilities' })
  async list() {
    return {
      items: await Promise.all(this.config.channels.map(async (c) => {
        const health = c.enabled ? this.registry.health(c.id) : { state: 'stopped' as const, reason: 'disabled in configuration', since: undefined };
        return {
          id: c.id,
          type: c.type,
          name: c.name,
          enabled: c.enabled,
          state: health?.state ?? (this.config.role === 'api' ? 'unknown' : 'connecting'),
          reason: health?.reason ?? (this.config.role === 'api' ? 'connections are held by a worker process' : null),
          since: health?.since?.toISOString() ?? null,
          /** The worker holding the channel's connection ({ host, pid }), or null while nobody does. */
          owner: c.enabled ? await this.leases.owner(channelLeaseName(c.id)) : null,
          capabilities: this.channelTypes.capabilitiesOf(c),
        };
      })),
      types: this.channelTypes.views(),
    };
  }

  @Post(':id/reply-parts')
  @HttpCode(200)
  @ApiOperation({ summary: 'How a reply of this text goes out on the channel: in how many messages, cut exactly as its adapter cuts it' })
  replyParts(@Param('id') id: string, @Body() body: ReplyPartsDto) {
    const channel = this.config.channels.find((c) => c.id === id);
    if (!channel) throw new NotFoundException(`no channel ${id}`);
    const text = this.channelTypes.capabilitiesOf(channel)?.text;
    const maxLength = text?.overflow === 'split' ? text.maxLength : null;
    return { maxLength, parts: maxLength === null || !body.text.trim() ? 1 : splitText(body.text, maxLength).length };
  }

  @Get(':id/qr')
  @Roles('ops')
  @ApiProduces('image/png')
  @ApiOperation({ summary: 'The QR code that links a WhatsApp number (connection: web), as a PNG, while the channel waits for a scan' })
  async qr(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const adapter = this.registry.get(id);
    if (!adapter?.qrCode) throw new NotFoundException(`channel ${id} is not running here or is not linked by a QR code`);
    const code = adapter.qrCode();
    if (!code) throw new ConflictException(`channel ${id} is not waiting for a scan (state: ${adapter.health().state})`);
    const png = await QRCode.toBuffer(code, { type: 'png', width: 320, margin: 2 });
    res.setHeader('Cache-Control', 'no-store');
    res.type('image/png').send(png);
  }
}
