import { Logger } from '@nestjs/common';
import {
  ChannelAdapter, ChannelContext, ChannelHealth, ChannelState, InboundAttachment, OutboundMessage, SendError, SendResult,
} from '../channel-adapter';
import { attachmentNote, keepAttachment } from '../shared/keep-attachment';
import { mediaFileName, reasonOf } from './inbound-content';
import { backoffMs } from '../shared/backoff.util';
import { SendLimiter } from '../shared/send-limiter';
import { settleWithin, withTimeout } from '../shared/timeout.util';
import { ackToStatus } from './whatsapp-ack';
import { textParts, whatsappMediaOf } from './whatsapp-media';
import { sessionDirOf, WhatsappWebSettings } from './whatsapp.config';
import { createWwebClient, WwebClientFactory, WwebClientLike, WwebMessageLike } from './whatsapp-web.client';
import { chatIdOf, isCustomerMessage, senderIdOf, textOf } from './whatsapp-web.message';

/** At most this many unread messages per chat are fetched after a restart. */
const CATCH_UP_LIMIT = 100;
/** How long stop/rebuild waits for a launch in progress to settle before closing its browser again. */
const DISPOSE_WAIT_MS = 15_000;
/** Ids of recently stored messages, so a live event and the catch-up do not download the same file twice. */
const SEEN_LIMIT = 2000;

export interface WebAdapterOptions {
  clientFactory?: WwebClientFactory;
}

/**
 * WhatsApp through a linked device: whatsapp-web.js drives WhatsApp Web in the system Chromium, the session
 * is kept by LocalAuth under the data folder. One client at a time; when it fails to start or disconnects it
 * is destroyed and a new one is built with backoff. Events of a replaced client are ignored (generation).
 */
export class WhatsappWebAdapter implements ChannelAdapter {
  readonly type = 'whatsapp';
  private status: ChannelHealth = { state: 'stopped', since: new Date() };
  private context: ChannelContext | null = null;
  private client: WwebClientLike | null = null;
  private initializing: Promise<void> | null = null;
  private generation = 0;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private qr: string | null = null;
  private stopped = true;
  private queue: Promise<void> = Promise.resolve();
  private readonly seen = new Set<string>();
  private readonly disposals = new Set<Promise<void>>();
  private readonly limiter: SendLimiter;
  private readonly clientFactory: WwebClientFactory;
  private readonly logger: Logger;

  constructor(readonly channelId: string, private readonly settings: WhatsappWebSettings, options: WebAdapterOptions = {}) {
    this.clientFactory = options.clientFactory ?? createWwebClient;
    this.limiter = new SendLimiter({ channelIntervalMs: settings.sendIntervalMs });
    this.logger = new Logger(`WhatsappWeb:${channelId}`);
  }

  async start(context: ChannelContext): Promise<void> {
    this.context = context;
    this.stopped = false;
    // Launching Chromium and loading WhatsApp Web takes a while: the server does not wait for it.
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    this.qr = null;
    if (client) await this.dispose(client, this.initializing);
    await Promise.all([...this.disposals]);
    await this.queue;
    this.setState('stopped');
  }

  health(): ChannelHealth {
    return this.status;
  }

  /** The code to draw as a QR while the channel waits for a scan. */
  qrCode(): string | null {
    return this.status.state === 'qr' ? this.qr : null;
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const client = this.client;
    if (!client || this.status.state !== 'ready') {
      throw new SendError(`WhatsApp is not connected (${this.status.state}${this.status.reason ? `: ${this.status.reason}` : ''})`);
    }
    const media = whatsappMediaOf(message.attachments ?? []);
    if (!message.text.trim() && !media.length) throw new SendError('nothing to send: no text and no files', { permanent: true });
    const chatId = chatIdOf(message.to.externalId);
    try {
      const ids: string[] = [];
      for (const part of textParts(message.text)) ids.push((await this.limiter.schedule(chatId, () => client.sendMessage(chatId, part))).id._serialized);
      for (const { file, kind } of media) {
        const wwebFile = { mimetype: file.contentType, data: file.data.toString('base64'), filename: file.name, filesize: file.data.length };
        const options = { asVoice: kind === 'voice', asDocument: kind === 'document' };
        ids.push((await this.limiter.schedule(chatId, () => client.sendFile(chatId, wwebFile, options))).id._serialized);
      }
      return { externalId: ids[0], status: 'sent', ...(ids.length > 1 ? { meta: { whatsappMessageIds: ids } } : {}) };
    } catch (err) {
      throw new SendError(`WhatsApp Web could not send the message: ${reasonOf(err)}`);
    }
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    if (this.stopped || !this.context) return;
    const generation = ++this.generation;
    this.setState('connecting', 'starting Chromium and loading WhatsApp Web');
    let client: WwebClientLike;
    try {
      client = this.clientFactory({
        channelId: this.channelId,
        sessionDir: sessionDirOf(this.settings, this.context.dataDir),
        executablePath: this.settings.executablePath,
      });
    } catch (err) {
      this.retryLater('error', `could not create the WhatsApp Web client: ${reasonOf(err)}`);
      return;
    }
    this.client = client;
    this.listen(client, generation);
    const init = Promise.resolve().then(() => client.initialize());
    this.initializing = init;
    try {
      await withTimeout(init, this.settings.initTimeoutMs, `WhatsApp Web did not load within ${Math.round(this.settings.initTimeoutMs / 1000)} s`);
    } catch (err) {
      if (generation !== this.generation) return; // stopped or replaced meanwhile
      await this.replace(client, 'error', `could not start WhatsApp Web: ${reasonOf(err)}`);
    }
  }

  private listen(client: WwebClientLike, generation: number): void {
    const live = () => generation === this.generation && !this.stopped;
    client.on('qr', (qr: string) => {
      if (!live()) return;
      this.qr = qr;
      this.setState('qr', `waiting for the QR code to be scanned: GET /api/channels/${this.channelId}/qr (ops) shows it`);
    });
    client.on('authenticated', () => {
      if (!live()) return;
      this.qr = null;
      this.setState('authenticated', 'linked; WhatsApp Web is loading the chats');
    });
    client.on('ready', () => {
      if (!live()) return;
      this.failures = 0;
      this.qr = null;
      this.setState('ready');
      this.enqueue(() => this.catchUp(client, live), 'catch-up after ready');
    });
    client.on('message', (message: WwebMessageLike) => {
      if (live()) this.enqueue(() => this.receive(message), `message ${message?.id?._serialized}`);
    });
    client.on('message_ack', (message: WwebMessageLike, ack: number) => {
      if (live()) void this.acknowledge(message, ack);
    });
    client.on('auth_failure', (reason: unknown) => {
      if (live()) void this.replace(client, 'error', `WhatsApp refused the saved session: ${reasonOf(reason)}`);
    });
    client.on('disconnected', (reason: unknown) => {
      if (live()) void this.replace(client, 'disconnected', `WhatsApp Web disconnected (${reasonOf(reason)})`);
    });
  }

  /** The client is done for (it destroys itself on a disconnect): close it for sure and build a new one later. */
  private async replace(client: WwebClientLike, state: ChannelState, reason: string): Promise<void> {
    this.generation++;
    this.qr = null;
    if (this.client === client) this.client = null;
    const delay = this.planRetry(state, reason);
    await this.dispose(client, this.initializing);
    this.scheduleRetry(delay);
  }

  private retryLater(state: ChannelState, reason: string): void {
    this.scheduleRetry(this.planRetry(state, reason));
  }

  /** Shows the failure and when the next client comes; returns that delay (backoff on consecutive failures). */
  private planRetry(state: ChannelState, reason: string): number {
    const delay = backoffMs(++this.failures, this.settings.reconnectBaseMs, this.settings.reconnectMaxMs);
    this.setState(state, `${reason}; retry ${this.failures} scheduled, a new client in ${formatDelay(delay)}`);
    this.logger.warn(this.status.reason!);
    return delay;
  }

  private scheduleRetry(delay: number): void {
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  /** Closes the client's browser, also when the launch was still in progress when asked. */
  private async dispose(client: WwebClientLike, init: Promise<void> | null): Promise<void> {
    const disposal = (async () => {
      await client.destroy().catch((err) => this.logger.warn(`destroying the client: ${reasonOf(err)}`));
      if (!init) return;
      await settleWithin(init, DISPOSE_WAIT_MS);
      await client.destroy().catch(() => undefined);
    })();
    this.disposals.add(disposal);
    try {
      await disposal;
    } finally {
      this.disposals.delete(disposal);
    }
  }

  private async receive(message: WwebMessageLike): Promise<void> {
    const context = this.context;
    const id = message?.id?._serialized;
    if (!context || !id || !isCustomerMessage(message) || this.seen.has(id)) return;
    const attachments = message.hasMedia ? [await this.attachment(context, message)] : [];
    await context.inbound({
      externalId: id,
      sender: { externalId: senderIdOf(message.from), name: await senderName(message) },
      text: textOf(message),
      attachments,
      sentAt: new Date(message.timestamp * 1000),
      meta: { chatId: message.from, type: message.type },
    });
    this.seen.add(id);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value!);
  }

  private async attachment(context: ChannelContext, message: WwebMessageLike): Promise<InboundAttachment> {
    const unknown = { name: mediaFileName(message.type, 'application/octet-stream'), contentType: 'application/octet-stream' };
    try {
      const media = await message.downloadMedia();
      if (!media) return attachmentNote(unknown, 'not stored: the file is no longer available from WhatsApp');
      const info = { name: mediaFileName(message.type, media.mimetype, media.filename), contentType: media.mimetype, size: media.filesize };
      return await keepAttachment(context, info, async () => Buffer.from(media.data, 'base64'));
    } catch (err) {
      return attachmentNote(unknown, `not stored: the download failed (${reasonOf(err)})`);
    }
  }

  private async acknowledge(message: WwebMessageLike, ack: number): Promise<void> {
    const status = ackToStatus(ack);
    if (!message?.fromMe || !status || !this.context) return;
    try {
      await this.context.receipts(message.id._serialized, status, status === 'failed' ? 'WhatsApp reported an error delivering the message' : undefined);
    } catch (err) {
      this.logger.error(`receipt for ${message.id._serialized}: ${reasonOf(err)}`);
    }
  }

  /** Messages that arrived while the server was down: the unread one-to-one chats, stored once each. */
  private async catchUp(client: WwebClientLike, live: () => boolean): Promise<void> {
    const chats = await client.getChats();
    let seen = 0;
    for (const chat of chats) {
      if (!live()) return;
      if (chat.isGroup || !(chat.unreadCount > 0)) continue;
      const messages = await chat.fetchMessages({ limit: Math.min(chat.unreadCount, CATCH_UP_LIMIT) });
      for (const message of messages) {
        if (!live()) return;
        await this.receive(message);
        seen++;
      }
    }
    if (seen) this.logger.log(`catch-up: looked at ${seen} unread messages`);
  }

  private enqueue(task: () => Promise<void>, what: string): void {
    this.queue = this.queue.then(task).catch((err) => this.logger.error(`${what}: ${reasonOf(err)}`));
  }

  private setState(state: ChannelState, reason?: string): void {
    if (state !== this.status.state) this.logger.log(`${state}${reason ? `: ${reason}` : ''}`);
    this.status = { state, reason, since: new Date() };
  }
}

async function senderName(message: WwebMessageLike): Promise<string | null> {
  try {
    const contact = await message.getContact?.();
    return contact?.pushname || contact?.name || null;
  } catch {
    return null;
  }
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
