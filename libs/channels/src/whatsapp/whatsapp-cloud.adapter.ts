import { Logger } from '@nestjs/common';
import {
  ChannelAdapter, ChannelContext, ChannelHealth, ChannelState, InboundAttachment, OutboundMessage, SendError, SendResult, WebhookRequest, WebhookResponse,
} from '../channel-adapter';
import { pressOfPayload } from '@app/platform/contracts/choices.util';
import { CloudInbound, CloudMedia, parseCloudWebhook } from './cloud-payload';
import { interactiveOf, INTERACTIVE_BODY_LIMIT } from './cloud-interactive';
import { sameSecret, verifyHubSignature } from './cloud-signature';
import { GraphApi, GraphApiError, sendErrorOf } from './graph-api';
import { attachmentNote, keepAttachment } from '../shared/keep-attachment';
import { mediaFileName, reasonOf } from './inbound-content';
import { backoffMs } from '../shared/backoff.util';
import { SendLimiter } from '../shared/send-limiter';
import { serviceWindowRefusal, windowClosedMessage } from './service-window';
import { textParts, whatsappMediaOf } from './whatsapp-media';
import type { WhatsappCloudSettings } from './whatsapp.config';

const CHECK_RETRY_BASE_MS = 30_000;
const CHECK_RETRY_MAX_MS = 30 * 60_000;

export interface CloudAdapterOptions {
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * The official WhatsApp Cloud API: Meta posts messages and statuses to /webhooks/whatsapp/:channelId (signed
 * with the app secret); replies go to the Graph API. Free-form replies are only allowed within 24 hours of the
 * customer's last message, which is read from the stored messages (the same in every process).
 */
export class WhatsappCloudAdapter implements ChannelAdapter {
  readonly type = 'whatsapp';
  private status: ChannelHealth = { state: 'connecting', since: new Date() };
  private context: ChannelContext | null = null;
  private readonly graph: GraphApi;
  private readonly limiter: SendLimiter;
  private readonly now: () => number;
  private checkTimer: NodeJS.Timeout | null = null;
  private checkFailures = 0;
  private stopped = false;
  private readonly logger: Logger;

  constructor(readonly channelId: string, private readonly settings: WhatsappCloudSettings, options: CloudAdapterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.graph = new GraphApi(settings.apiRoot, settings.accessToken, options.fetch);
    this.limiter = new SendLimiter({ channelIntervalMs: settings.sendIntervalMs });
    this.logger = new Logger(`WhatsappCloud:${channelId}`);
  }

  async start(context: ChannelContext): Promise<void> {
    this.context = context;
    this.stopped = false;
    void this.checkNumber();
  }

  receiveWebhooks(context: ChannelContext): void {
    this.context = context;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = null;
    this.setState('stopped');
  }

  health(): ChannelHealth {
    return this.status;
  }

  async handleWebhook(request: WebhookRequest): Promise<WebhookResponse> {
    if (request.method === 'GET') return this.answerChallenge(request.query);
    if (request.method !== 'POST') return { status: 405, body: { error: 'use GET (verification) or POST (events)' } };
    if (!verifyHubSignature(request.rawBody, request.headers['x-hub-signature-256'], this.settings.appSecret)) {
      return { status: 401, body: { error: 'missing or invalid X-Hub-Signature-256' } };
    }
    const context = this.context;
    if (!context) return { status: 503, body: { error: 'the channel is not started yet' } };
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      return { status: 400, body: { error: 'the body is not JSON' } };
    }
    const { messages, statuses } = parseCloudWebhook(body, this.settings.phoneNumberId, this.now());
    try {
      for (const message of messages) await this.store(context, message);
      for (const s of statuses) await context.receipts(s.id, s.status, s.error);
    } catch (err) {
      // Not 200: Meta delivers the webhook again, and what was stored already is recognised by its id.
      this.logger.error(`webhook not fully stored, Meta will retry: ${reasonOf(err)}`);
      return { status: 500, body: { error: 'not stored, retry later' } };
    }
    return { status: 200, body: { received: messages.length, statuses: statuses.length } };
  }

  /** Why a free-form reply to this customer would be refused now (the 24-hour window), or null. */
  async checkReply(to: { externalId: string }): Promise<string | null> {
    if (!this.context) return null;
    const last = await this.context.lastInboundAt(to.externalId);
    // A customer's clock ahead of ours never stretches the window.
    return serviceWindowRefusal(to.externalId, last ? Math.min(last.getTime(), this.now()) : null, this.now());
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const to = message.to.externalId;
    // Final check for replies queued before the window closed: WhatsApp would refuse them (131047) anyway.
    const refusal = await this.checkReply({ externalId: to });
    if (refusal) throw new SendError(refusal, { permanent: true });
    const media = whatsappMediaOf(message.attachments ?? []);
    if (!message.text.trim() && !media.length) throw new SendError('nothing to send: no text and no files', { permanent: true });
    const phone = this.settings.phoneNumberId;
    try {
      // Every file is uploaded before anything is sent: a file WhatsApp refuses fails the reply with nothing sent.
      const uploaded = [];
      for (const { file, kind } of media) uploaded.push({ kind, filename: file.name, id: await this.graph.upload(phone, file) });
      const ids: string[] = [];
      const parts = textParts(message.text);
      // With choices, the last part of the text becomes the interactive message's body (when it fits).
      const last = message.choices?.length && parts.length && parts[parts.length - 1].length <= INTERACTIVE_BODY_LIMIT ? parts.pop()! : '';
      for (const part of parts) ids.push(await this.limiter.schedule(to, () => this.graph.sendText(phone, to, part)));
      if (message.choices?.length) {
        const interactive = interactiveOf(message.messageId, last, message.choices);
        ids.push(await this.limiter.schedule(to, () => this.graph.sendInteractive(phone, to, interactive)));
      }
      for (const item of uploaded) ids.push(await this.limiter.schedule(to, () => this.graph.sendMedia(phone, to, item)));
      return { externalId: ids[0], status: 'sent', ...(ids.length > 1 ? { meta: { whatsappMessageIds: ids } } : {}) };
    } catch (err) {
      throw sendErrorOf(err, () => windowClosedMessage(to, 'WhatsApp refused the message with error 131047'));
    }
  }

  private answerChallenge(query: Record<string, unknown>): WebhookResponse {
    const challenge = query['hub.challenge'];
    if (query['hub.mode'] === 'subscribe' && sameSecret(query['hub.verify_token'], this.settings.verifyToken) && typeof challenge === 'string') {
      return { status: 200, body: challenge };
    }
    return { status: 403, body: { error: 'verify token does not match' } };
  }

  private async store(context: ChannelContext, message: CloudInbound): Promise<void> {
    const attachments = message.media ? [await this.attachment(context, message.media)] : [];
    await context.inbound({
      externalId: message.id,
      sender: { externalId: message.from, name: message.name },
      text: message.text,
      attachments,
      ...(pressOfPayload(message.choiceId) ? { choice: pressOfPayload(message.choiceId)! } : {}),
      sentAt: new Date(message.timestampMs),
      meta: { waId: message.from, type: message.type, ...(message.replyToId ? { replyToId: message.replyToId } : {}) },
    });
  }

  private async attachment(context: ChannelContext, media: CloudMedia): Promise<InboundAttachment> {
    const info = { name: mediaFileName(media.kind, media.mimeType, media.filename), contentType: media.mimeType };
    try {
      const where = await this.graph.media(media.id);
      return await keepAttachment(context, { ...info, size: where.size }, () => this.graph.download(where.url));
    } catch (err) {
      // Gone or refused for good (expired media): keep the message with a note. Anything else: Meta retries.
      if (err instanceof GraphApiError && err.permanent) return attachmentNote(info, `not stored: ${err.message}`);
      throw err;
    }
  }

  /** Proves the access token and phone number id against the Graph API; retried with backoff while it fails. */
  private async checkNumber(): Promise<void> {
    try {
      const number = await this.graph.phoneNumber(this.settings.phoneNumberId);
      if (this.stopped) return;
      this.checkFailures = 0;
      this.setState('ready', undefined);
      this.logger.log(`ready: ${number.verified_name ?? ''} ${number.display_phone_number ?? this.settings.phoneNumberId}`.trim());
    } catch (err) {
      if (this.stopped) return;
      if (err instanceof GraphApiError && err.lacksPermission) {
        // A token with messaging rights only may not read the number's details: that does not stop sending.
        this.setState('ready', `the phone number's details could not be read (${err.message}); sending does not need them`);
        return;
      }
      const delay = backoffMs(++this.checkFailures, CHECK_RETRY_BASE_MS, CHECK_RETRY_MAX_MS);
      this.setState('error', `${reasonOf(err)}; checking again in ${Math.round(delay / 1000)} s (webhooks are still accepted)`);
      this.checkTimer = setTimeout(() => void this.checkNumber(), delay);
      this.checkTimer.unref();
    }
  }

  private setState(state: ChannelState, reason?: string): void {
    this.status = { state, reason, since: new Date() };
  }
}
