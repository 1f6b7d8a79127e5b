import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import QRCode from 'qrcode';
import { Roles } from '@app/agents';
import { ChannelTypeCatalog, splitText } from '@app/channels';
import { ReplyPartsDto } from './dto/reply-parts.dto';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { ChannelStates } from './channel-states';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels')
export class ChannelsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly states: ChannelStates,
    private readonly channelTypes: ChannelTypeCatalog,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Configured channels: the state of each connection as its holder reports it (`reportedAt`: when, in a cluster), the process holding it (`owner`) and what each can carry; every registered channel type with its name, badge and capabilities' })
  async list() {
    const states = await this.states.of(this.config.channels);
    return {
      items: this.config.channels.map((c) => ({
        id: c.id,
        type: c.type,
        name: c.name,
        enabled: c.enabled,
        ...states.get(c.id)!,
        capabilities: this.channelTypes.capabilitiesOf(c),
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
  @ApiOperation({ summary: 'The QR code that links a WhatsApp number (connection: web), as a PNG, while the channel waits for a scan, from whichever process holds the channel' })
  async qr(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const png = await QRCode.toBuffer(await this.states.qrCodeOf(id), { type: 'png', width: 320, margin: 2 });
    res.setHeader('Cache-Control', 'no-store');
    res.type('image/png').send(png);
  }
}
