import { BadRequestException, Body, Controller, Get, Headers, HttpCode, NotFoundException, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { Public } from '@app/agents';
import { InboundQuarantine } from '@app/conversations';
import { textInLanguage } from '@app/platform/language/customer-language.util';
import { MetricsService } from '@app/platform/metrics/metrics.service';
import { customerPageCsp } from '../api/page-csp.util';
import { PublicThrottlerGuard, VISITOR_LIMIT, WEBCHAT_ADDRESS_LIMIT } from '../api/rate-limits';
import { WebchatMessageDto, WebchatSessionDto } from '../api/dto/webchat.dto';
import { resolvePublicFile } from '../public-files';
import { WebchatHistory } from './webchat-history.service';
import { ownOriginOf } from './webchat-origin.util';
import { VISITOR_TOKEN_HEADER, WebchatVisitor, WebchatVisitors } from './webchat-visitors.service';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { Inject } from '@nestjs/common';
import { drawnChoices } from '@app/platform/contracts/choices.util';

const badField = (field: string, message: string) => new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [message], fields: [field] });

/**
 * The customer side of the web chat: the widget script, the full-page chat, the visitor's session (a token the
 * server issues), sending and reading messages. Every visitor route takes the token in X-Visitor-Token.
 */
@ApiTags('webchat')
@Public()
@UseGuards(PublicThrottlerGuard)
@SkipThrottle({ [VISITOR_LIMIT]: true, [WEBCHAT_ADDRESS_LIMIT]: true })
@Controller()
export class WebchatController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly visitors: WebchatVisitors,
    private readonly history: WebchatHistory,
    private readonly inbound: InboundQuarantine,
    private readonly metrics: MetricsService,
  ) {}

  @Get('chat')
  @ApiExcludeEndpoint()
  page(@Res() res: Response): void {
    const html = readFileSync(resolvePublicFile('chat.html'), 'utf8');
    res.setHeader('Content-Security-Policy', customerPageCsp(html, this.config.http.frameAncestors));
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html').send(html);
  }

  @Get('widget.js')
  @ApiExcludeEndpoint()
  widget(@Res() res: Response): void {
    // Any site may load the script; what it may then do is decided per channel (allowedOrigins).
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.type('application/javascript; charset=utf-8').send(readFileSync(resolvePublicFile('widget.js'), 'utf8'));
  }

  @Post('webchat/session')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Visitor-Token', required: false, description: 'The token this browser holds, if any' })
  @ApiOperation({ summary: "A page's session: its token (a new one when it has none, or for a verified user), and the channel's widget settings; 401 for a wrong identity hash" })
  async session(@Body() dto: WebchatSessionDto, @Headers(VISITOR_TOKEN_HEADER) token: string | undefined, @Req() req: Request) {
    const channel = this.visitors.channel(dto.channel);
    this.visitors.assertOrigin(channel, req.headers.origin, this.ownOrigin(req));
    const { token: issued, visitor } = await this.visitors.session(channel, token, dto.identity);
    const s = visitor.settings;
    const lang = dto.language ?? s.defaultLanguage;
    return {
      token: issued,
      verified: visitor.verifiedUserId !== null,
      known: { name: visitor.name, email: visitor.email },
      channel: {
        id: channel.id,
        title: s.title ? textInLanguage(s.title, lang, s.defaultLanguage) : channel.name,
        greeting: textInLanguage(s.greeting ?? '', lang, s.defaultLanguage),
        colour: s.colour,
        uploads: { maxBytes: s.uploads.maxBytes, types: s.uploads.types },
        preChat: s.preChat ? {
          name: s.preChat.name, email: s.preChat.email,
          topics: s.preChat.topics.map((t) => ({ id: t.id, label: textInLanguage(t.label, lang, s.defaultLanguage) })),
        } : null,
      },
    };
  }

  @Post('webchat/messages')
  @SkipThrottle({ [VISITOR_LIMIT]: false, [WEBCHAT_ADDRESS_LIMIT]: false })
  @ApiHeader({ name: 'X-Visitor-Token', required: true })
  @ApiOperation({ summary: 'A visitor sends a message (or presses a button: { choiceId, replyTo }); a repeated clientMessageId is stored once; 202 when it could not be stored and was set aside for ops' })
  async send(@Body() dto: WebchatMessageDto, @Headers(VISITOR_TOKEN_HEADER) token: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const visitor = await this.visitors.require(token);
    this.visitors.assertOrigin(visitor.channel, req.headers.origin, this.ownOrigin(req));
    const topic = await this.preChat(visitor, dto);
    const choice = dto.choiceId !== undefined ? await this.offeredChoice(visitor, dto.choiceId, dto.replyTo!) : null;
    const result = await this.inbound.receive({
      channelId: visitor.channel.id,
      externalId: `${visitor.identityKey}:${dto.clientMessageId}`,
      sender: { externalId: visitor.identityKey, name: dto.name?.trim() || visitor.name },
      text: dto.text ?? choice?.label ?? '',
      language: dto.language ?? null,
      topic,
      meta: { clientMessageId: dto.clientMessageId, ...(dto.email || visitor.email ? { email: dto.email ?? visitor.email } : {}) },
      // A pressed button, as the choices contract has it; ingest reads it as the answer to that message.
      ...(choice ? { choice: { id: choice.id, messageId: dto.replyTo! } } : {}),
    });
    if (result.quarantined) {
      // Failed to store on every try the page made: kept for ops, so the page stops resending.
      res.status(202);
      return { quarantined: true };
    }
    (result.duplicate ? this.metrics.duplicateMessages : this.metrics.inboundMessages).inc({ channel: visitor.channel.id });
    return { conversationId: result.conversationId, messageId: result.messageId, duplicate: result.duplicate };
  }

  @Get('webchat/messages')
  @ApiHeader({ name: 'X-Visitor-Token', required: true })
  @ApiOperation({ summary: "The visitor's conversations with the agents' replies (never internal notes), and up to which of their messages agents have read" })
  async list(@Headers(VISITOR_TOKEN_HEADER) token: string | undefined, @Req() req: Request) {
    const visitor = await this.visitors.require(token);
    this.visitors.assertOrigin(visitor.channel, req.headers.origin, this.ownOrigin(req));
    return this.history.views(await this.history.messages(visitor));
  }

  /** Pre-chat answers: kept for the visitor; a topic must be one of the channel's; required fields are required once. */
  private async preChat(visitor: WebchatVisitor, dto: WebchatMessageDto): Promise<string | null> {
    const form = visitor.settings.preChat;
    if (dto.topic !== undefined && !form?.topics.some((t) => t.id === dto.topic)) {
      throw badField('topic', `topic must be one of ${form?.topics.map((t) => t.id).join(', ') || '(this channel has no topics)'}`);
    }
    if (form?.name === 'required' && !dto.name?.trim() && !visitor.name) throw badField('name', 'name is required by this chat');
    if (form?.email === 'required' && !dto.email && !visitor.email) throw badField('email', 'email is required by this chat');
    await this.visitors.remember(visitor, { name: dto.name, email: dto.email });
    return dto.topic ?? null;
  }

  /** The button pressed must be one a reply to this visitor offered. */
  private async offeredChoice(visitor: WebchatVisitor, choiceId: string, replyTo: number): Promise<{ id: string; label: string }> {
    const offered = (await this.history.messages(visitor)).find((m) => m.id === replyTo && m.direction === 'out');
    const choice = drawnChoices(offered?.choices ?? []).find((c) => c.id === choiceId);
    if (!offered?.choices?.length) throw badField('replyTo', 'replyTo must be the id of a message sent to this visitor with choices');
    if (!choice) throw badField('choiceId', `choiceId must be one of the choices message ${replyTo} offered`);
    return choice;
  }

  private ownOrigin(req: Request): string {
    return ownOriginOf(req.protocol, req.headers.host);
  }
}
