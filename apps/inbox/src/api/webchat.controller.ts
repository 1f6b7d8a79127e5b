import { BadRequestException, Body, Controller, Get, Inject, NotFoundException, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Response } from 'express';
import { DataSource, In } from 'typeorm';
import { Public } from '@app/agents';
import { ContactIdentity, Conversation, InboundQuarantine, Message } from '@app/conversations';
import { APP_CONFIG, AppConfig, ChannelConfig } from '@app/platform/config';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { MetricsService } from '@app/platform/metrics/metrics.service';
import { readFileSync } from 'node:fs';
import { drawnChoices } from '@app/platform/contracts/choices.util';
import { resolvePublicFile } from '../public-files';
import { customerPageCsp } from './page-csp.util';
import { PublicThrottlerGuard, VISITOR_LIMIT, WEBCHAT_ADDRESS_LIMIT } from './rate-limits';
import { WebchatHistoryQuery, WebchatMessageDto } from './dto/webchat.dto';

/** The customer side of the web chat: the page, sending a message, reading the conversation. */
@ApiTags('webchat')
@Public()
@UseGuards(PublicThrottlerGuard)
@SkipThrottle({ [VISITOR_LIMIT]: true, [WEBCHAT_ADDRESS_LIMIT]: true })
@Controller()
export class WebchatController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbound: InboundQuarantine,
    private readonly db: DataSource,
    private readonly metrics: MetricsService,
    private readonly attachments: AttachmentStore,
  ) {}

  @Get('chat')
  @ApiExcludeEndpoint()
  page(@Res() res: Response): void {
    const html = readFileSync(resolvePublicFile('chat.html'), 'utf8');
    res.setHeader('Content-Security-Policy', customerPageCsp(html, this.config.http.frameAncestors));
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html').send(html);
  }

  @Post('webchat/messages')
  @SkipThrottle({ [VISITOR_LIMIT]: false, [WEBCHAT_ADDRESS_LIMIT]: false })
  @ApiOperation({ summary: 'A visitor sends a message; a repeated clientMessageId is stored once; 202 when it could not be stored and was set aside for ops' })
  async send(@Body() dto: WebchatMessageDto, @Res({ passthrough: true }) res: Response) {
    const channel = this.channel();
    const choice = dto.choiceId === undefined ? undefined : await this.offeredChoice(channel, dto.visitorId, dto.replyTo!, dto.choiceId);
    const result = await this.inbound.receive({
      channelId: channel.id,
      externalId: `${dto.visitorId}:${dto.clientMessageId}`,
      sender: { externalId: dto.visitorId, name: dto.name?.trim() || null },
      text: choice ? choice.label : dto.text!,
      meta: { clientMessageId: dto.clientMessageId },
      ...(choice ? { choice: { id: choice.id, messageId: dto.replyTo! } } : {}),
    });
    if (result.quarantined) {
      // Failed to store on every try the page made: kept for ops, so the page stops resending.
      res.status(202);
      return { quarantined: true };
    }
    (result.duplicate ? this.metrics.duplicateMessages : this.metrics.inboundMessages).inc({ channel: channel.id });
    return { conversationId: result.conversationId, messageId: result.messageId, duplicate: result.duplicate };
  }

  @Get('webchat/messages')
  @ApiOperation({ summary: "The visitor's conversation with the agents' replies (never internal notes)" })
  async history(@Query() query: WebchatHistoryQuery) {
    const channel = this.channel();
    const messages = await this.visibleMessages(channel, query.visitorId);
    return {
      greeting: channel.settings.greeting,
      items: messages.map((m) => ({
        id: m.id,
        conversationId: m.conversationId,
        direction: m.direction,
        text: m.body,
        createdAt: m.createdAt.toISOString(),
        clientMessageId: (m.meta?.clientMessageId as string | undefined) ?? null,
        choices: m.direction === 'out' && m.choices && drawnChoices(m.choices).length ? drawnChoices(m.choices) : null,
        choice: (m.meta?.choice as { id: string; messageId: number } | undefined) ?? null,
        attachments: (m.attachments ?? []).filter((a) => a.storageKey && m.direction === 'out').map((a) => ({
          name: a.name, size: a.size, url: `/webchat/attachments/${a.storageKey}?visitorId=${encodeURIComponent(query.visitorId)}`,
        })),
      })),
    };
  }

  @Get('webchat/attachments/:key')
  @ApiOperation({ summary: 'A file an agent sent to this visitor (a download, only for the visitor it was sent to)' })
  async attachment(@Param('key') key: string, @Query() query: WebchatHistoryQuery, @Res() res: Response) {
    const messages = await this.visibleMessages(this.channel(), query.visitorId);
    const file = messages.filter((m) => m.direction === 'out').flatMap((m) => m.attachments ?? []).find((a) => a.storageKey === key);
    const stream = file ? this.attachments.open(key) : null;
    if (!file || !stream) throw new NotFoundException(`no file ${key} was sent to this visitor`);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    stream.pipe(res);
  }

  /** The choice a visitor pressed, if a message sent to this visitor offered it; otherwise a 400 naming the field. */
  private async offeredChoice(channel: ChannelConfig, visitorId: string, replyTo: number, choiceId: string) {
    const offer = (await this.visibleMessages(channel, visitorId)).find((m) => m.id === replyTo && m.direction === 'out');
    if (!offer?.choices?.length) throw new BadRequestException('replyTo must be the id of a message sent to this visitor with choices');
    const choice = drawnChoices(offer.choices).find((c) => c.id === choiceId);
    if (!choice) throw new BadRequestException(`choiceId must be one of the choices of message ${replyTo}`);
    return choice;
  }

  /** What the visitor may see: their messages and the replies that were sent, never notes or unsent replies. */
  private async visibleMessages(channel: ChannelConfig, visitorId: string): Promise<Message[]> {
    const identity = await this.db.getRepository(ContactIdentity).findOneBy({ channelId: channel.id, externalId: visitorId });
    if (!identity) return [];
    const conversations = await this.db.getRepository(Conversation).find({ where: { identityId: identity.id }, select: { id: true } });
    const messages = await this.db.getRepository(Message).find({
      where: { conversationId: In(conversations.map((c) => c.id)), direction: In(['in', 'out']) },
      order: { id: 'ASC' },
    });
    return messages.filter((m) => m.direction === 'in' || (m.deliveryStatus !== 'queued' && m.deliveryStatus !== 'failed'));
  }

  private channel(): ChannelConfig {
    const channel = this.config.channels.find((c) => c.type === 'webchat' && c.enabled);
    if (!channel) throw new NotFoundException('the web chat is not enabled in this installation');
    return channel;
  }
}
