import { Logger } from '@nestjs/common';
import { choicePayload } from '@app/platform/contracts/choices.util';
import { Telegram } from 'telegraf';
import {
  ChannelAdapter, ChannelContext, ChannelHealth, ChannelState, InboundAttachment, OutboundMessage,
  SendError, SendResult, WebhookRequest, WebhookResponse, OutboundFile } from '../channel-adapter';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffMs } from '../shared/backoff.util';
import { SendLimiter } from '../shared/send-limiter';
import { splitText } from '../shared/split-text.util';
import { reasonOf, sendErrorOf, telegramFailureOf } from './telegram-errors';
import { fetchAttachment } from './telegram-files';
import { TelegramPoller } from './telegram-poller';
import { ALLOWED_UPDATES, mapUpdate, TelegramFileRef, telegramExternalId, TelegramUpdate } from './telegram-update.mapper';
import { TelegramSettings, telegramSettingsOf } from './telegram.config';
import { secretTokenMatches } from '../shared/webhook-secret.util';

const RECONNECT_BASE_MS = 1000;
const RECONNECT_MAX_MS = 60_000;
/** A 429 asking for no more than this is waited out here; a longer one goes back to the outbox's schedule. */
const MAX_INLINE_WAIT_MS = 30_000;
const MAX_INLINE_429_RETRIES = 3;
/** After this many failed tries of one update, a file that cannot be fetched becomes a note so the bot is not stalled. */
const LENIENT_AFTER_FAILURES = 3;
/** Telegram's limit for sendPhoto; larger images go as documents. */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Meta key of the Telegram ids of a reply's parts already delivered, so a retry after a failure sends only the rest. */
const SENT_PARTS = 'telegramSentParts';
/** Telegram refuses a text message longer than this. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** The Bot API takes uploads up to this size. */
export const TELEGRAM_UPLOAD_LIMIT = 50 * 1024 * 1024;

/** A file to send with a reply: images go as photos (within Telegram's limit), everything else as a document. */
export type TelegramOutboundFile = OutboundFile;

/** Choices as an inline keyboard: short labels (faces) share rows of five, longer ones get a row each. */
export function inlineKeyboardOf(message: Pick<OutboundMessage, 'messageId' | 'choices'>): { inline_keyboard: { text: string; callback_data: string }[][] } | null {
  const choices = message.choices ?? [];
  if (!choices.length) return null;
  const buttons = choices.map((c) => ({ text: c.label, callback_data: choicePayload(message.messageId, c.id) }));
  const perRow = choices.every((c) => [...c.label].length <= 4) ? 5 : 1;
  const rows: { text: string; callback_data: string }[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { inline_keyboard: rows };
}

/**
 * A Telegram bot as a channel: receives by long polling or by webhook, answers through the Bot API within
 * Telegram's rate limits, and reports its connection state. Every Bot API call goes through telegraf's client.
 */
export class TelegramAdapter implements ChannelAdapter {
  readonly type = 'telegram';
  private readonly logger: Logger;
  private readonly telegram: Telegram;
  // Telegram's published limits: about one message a second to a chat, 30 a second for the bot.
  private readonly limiter = new SendLimiter({ channelIntervalMs: Math.ceil(1000 / 30), recipientIntervalMs: 1000 });
  private readonly abort = new AbortController();
  private context: ChannelContext | null = null;
  private loop: Promise<void> = Promise.resolve();
  private state: ChannelHealth = { state: 'connecting', since: new Date() };
  private readonly updateFailures = new Map<number, number>();

  constructor(readonly channelId: string, private readonly settings: TelegramSettings) {
    this.logger = new Logger(`telegram:${channelId}`);
    this.telegram = new Telegram(settings.token, { apiRoot: settings.apiRoot, webhookReply: false });
  }

  async start(context: ChannelContext): Promise<void> {
    this.context = context;
    // Connecting runs on its own: a bad token or an unreachable Telegram shows as this channel's state
    // while the rest of the server starts.
    this.loop = this.connect(context);
  }

  receiveWebhooks(context: ChannelContext): void {
    this.context = context;
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error('channel stopped'));
    await Promise.all([this.loop, this.limiter.stop()]);
    this.setState('stopped');
  }

  health(): ChannelHealth {
    return this.state;
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const chatId = message.to.externalId;
    const files = message.attachments ?? [];
    const parts = message.text.trim() ? splitText(message.text, TELEGRAM_TEXT_LIMIT) : [];
    // The buttons hang under the last part of the text.
    const keyboard = inlineKeyboardOf(message);
    const steps: (() => Promise<{ message_id: number }>)[] = [
      ...parts.map((text, i) => () => this.telegram.sendMessage(chatId, text, i === parts.length - 1 && keyboard ? { reply_markup: keyboard } : undefined)),
      ...files.map((file) => () => this.sendFile(chatId, file)),
    ];
    if (!steps.length) throw new SendError('nothing to send: no text and no files', { permanent: true });
    // Parts a failed attempt delivered already are in the message's meta (stored, so any process's retry skips them).
    const sent = [...((message.meta?.[SENT_PARTS] as number[] | undefined) ?? [])];
    for (let i = sent.length; i < steps.length; i++) {
      const result = await this.withinLimits(chatId, steps[i]);
      sent.push(result.message_id);
      if (i < steps.length - 1) await this.context?.rememberProgress(message.messageId, { [SENT_PARTS]: sent });
    }
    return { externalId: telegramExternalId(chatId, sent[0]), status: 'sent', meta: { telegramMessageIds: sent, [SENT_PARTS]: undefined } };
  }

  async handleWebhook(request: WebhookRequest): Promise<WebhookResponse> {
    if (this.settings.mode !== 'webhook') return { status: 404, body: { message: `telegram channel ${this.channelId} polls; it takes no webhooks` } };
    if (request.method !== 'POST') return { status: 405, body: { message: 'Telegram posts updates' } };
    if (!secretTokenMatches(request.headers['x-telegram-bot-api-secret-token'], this.settings.webhookSecret)) {
      return { status: 401, body: { message: 'wrong or missing X-Telegram-Bot-Api-Secret-Token' } };
    }
    if (!this.context || this.abort.signal.aborted) return { status: 503, body: { message: 'the channel is not running' } };
    let update: TelegramUpdate;
    try {
      update = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      return { status: 400, body: { message: 'the body is not JSON' } };
    }
    if (typeof update?.update_id !== 'number') return { status: 400, body: { message: 'not a Telegram update' } };
    try {
      await this.store(update);
    } catch (err) {
      this.logger.error((err as Error).message);
      // Not stored: a failure status makes Telegram deliver the update again.
      return { status: 500, body: { message: 'not stored; Telegram will deliver it again' } };
    }
    return { status: 200 };
  }

  /** Checks the token, then polls or registers the webhook; starts over with backoff after any failure. */
  private async connect(context: ChannelContext): Promise<void> {
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const me = await this.telegram.callApi('getMe', {}, { signal: signal as never });
        if (this.settings.mode === 'webhook') {
          await this.registerWebhook(context);
          this.setState('ready');
          this.logger.log(`@${me.username} receives updates by webhook`);
          return;
        }
        // Polling and a webhook exclude each other, and this channel is configured to poll.
        await this.telegram.callApi('deleteWebhook', { drop_pending_updates: false }, { signal: signal as never });
        // Ready now: the first long poll may rightly take its whole timeout to answer.
        this.setState('ready');
        this.logger.log(`@${me.username} polls for updates`);
        const poller = new TelegramPoller({
          telegram: this.telegram,
          timeoutSeconds: this.settings.pollTimeoutSeconds,
          cursors: context.cursors,
          handle: (update) => this.store(update),
          onPolled: () => {
            failures = 0;
            this.setState('ready');
          },
        });
        await poller.run(signal);
      } catch (err) {
        if (signal.aborted) return;
        failures++;
        const failure = telegramFailureOf(err);
        const reason = reasonOf(failure);
        this.setState('error', reason);
        const delay = Math.max(backoffMs(failures, RECONNECT_BASE_MS, RECONNECT_MAX_MS), (failure.retryAfterSeconds ?? 0) * 1000);
        this.logger.warn(`${reason}; trying again in ${delay} ms`);
        await sleep(delay, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private async registerWebhook(context: ChannelContext): Promise<void> {
    if (!context.publicUrl) {
      this.logger.log('server.publicUrl is not set: register the webhook with Telegram yourself (see README, Telegram)');
      return;
    }
    const base = context.publicUrl.endsWith('/') ? context.publicUrl : `${context.publicUrl}/`;
    const url = new URL(`webhooks/telegram/${encodeURIComponent(this.channelId)}`, base).toString();
    await this.telegram.callApi(
      'setWebhook',
      // One connection at a time: updates arrive in order, so an edit never overtakes the message it edits.
      { url, secret_token: this.settings.webhookSecret, allowed_updates: [...ALLOWED_UPDATES], max_connections: 1 },
      { signal: this.abort.signal as never },
    );
  }

  /** Stores one update (message or edit); resolves after the commit, rejects if it was not stored. */
  private async store(update: TelegramUpdate): Promise<void> {
    const context = this.context!;
    try {
      const mapped = mapUpdate(update);
      if (mapped.kind === 'unreadable') {
        // Redelivering it would fail the same way forever: set it aside, and Telegram is answered 200.
        await context.quarantine({ externalId: `update:${update.update_id}`, raw: JSON.stringify(update) }, mapped.reason);
      } else if (mapped.kind === 'ignored') {
        this.logger.debug(`update ${update.update_id} ignored: ${mapped.reason}`);
      } else if (mapped.kind === 'edit') {
        await context.edits(mapped.externalId, mapped.text, mapped.editedAt);
      } else {
        const lenient = (this.updateFailures.get(update.update_id) ?? 0) >= LENIENT_AFTER_FAILURES;
        const attachments: InboundAttachment[] = [];
        for (const ref of mapped.files) attachments.push(await this.fetchFile(context, ref, lenient));
        await context.inbound({ ...mapped.message, attachments });
        const callbackQueryId = mapped.message.meta?.callbackQueryId;
        if (typeof callbackQueryId === 'string') await this.answerCallbackQuery(callbackQueryId);
      }
      this.updateFailures.delete(update.update_id);
    } catch (err) {
      if (this.abort.signal.aborted) throw err;
      this.updateFailures.set(update.update_id, (this.updateFailures.get(update.update_id) ?? 0) + 1);
      throw new Error(`could not store update ${update.update_id}: ${reasonOf(telegramFailureOf(err))}`);
    }
  }

  private async fetchFile(context: ChannelContext, ref: TelegramFileRef, lenient: boolean): Promise<InboundAttachment> {
    try {
      return await fetchAttachment(this.telegram, ref, context, this.abort.signal);
    } catch (err) {
      if (!lenient || this.abort.signal.aborted) throw err;
      const note = `could not be downloaded: ${reasonOf(telegramFailureOf(err))}`;
      this.logger.warn(`${ref.name} ${note}`);
      return { name: ref.name, contentType: ref.contentType, size: ref.size ?? 0, note };
    }
  }

  /** One Bot API send, in its slot of the bot's and the chat's limits; a short 429 is waited out and tried again. */
  private async withinLimits<T>(chatId: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.limiter.schedule(chatId, call);
      } catch (err) {
        if (this.abort.signal.aborted) throw new SendError('the channel is stopping');
        const failure = telegramFailureOf(err);
        if (failure.code === 429) {
          const waitMs = (failure.retryAfterSeconds ?? 1) * 1000;
          this.limiter.pause(waitMs);
          if (attempt <= MAX_INLINE_429_RETRIES && waitMs <= MAX_INLINE_WAIT_MS) {
            this.logger.warn(`Telegram asked to wait ${waitMs} ms (429); sending again after that`);
            continue;
          }
        }
        throw sendErrorOf(failure);
      }
    }
  }

  private sendFile(chatId: string, file: TelegramOutboundFile): Promise<{ message_id: number }> {
    const input = { source: file.data, filename: file.name };
    if (/^image\/(jpeg|png|webp)$/.test(file.contentType) && file.data.length <= MAX_PHOTO_BYTES) return this.telegram.sendPhoto(chatId, input);
    return this.telegram.sendDocument(chatId, input);
  }

  /** Stops the spinner on the pressed button. Best effort: the press is stored, and Telegram forgets old queries. */
  private async answerCallbackQuery(id: string): Promise<void> {
    try {
      await this.telegram.answerCbQuery(id);
    } catch (err) {
      this.logger.debug(`callback query ${id} not answered: ${reasonOf(telegramFailureOf(err))}`);
    }
  }

  private setState(state: ChannelState, reason?: string): void {
    if (this.state.state === state && this.state.reason === reason) return;
    this.state = { state, reason, since: new Date() };
  }
}
