import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChannelAdapter, ChannelContext, ChannelHealth, ChannelState, InboundAttachment, OutboundMessage,
  OutboundFile, SendError, SendResult, WebhookRequest, WebhookResponse } from '../channel-adapter';
import { backoffMs } from '../shared/backoff.util';
import { attachmentNote, keepAttachment } from '../shared/keep-attachment';
import { splitText } from '../shared/split-text.util';
import { secretTokenMatches } from '../shared/webhook-secret.util';
import { randomIdOf } from './random-id.util';
import { VkApi, VkApiError } from './vk-api';
import { reasonOf, sendErrorOf, WAIT_AND_RETRY } from './vk-errors';
import { vkKeyboardOf } from './vk-keyboard';
import { mapEvent, VkEvent, VkFileRef } from './vk-event.mapper';
import { VkLongPoll } from './vk-long-poll';
import { MAX_ATTACHMENTS_PER_MESSAGE, uploadForMessage } from './vk-outbound-files';
import { VkSettings } from './vk.config';

/** VK refuses a message text longer than this. */
export const VK_TEXT_LIMIT = 4096;
/** Flood control (9) and too many requests (6) are waited out here this many times before the outbox takes over. */
const MAX_INLINE_WAITS = 3;
const INLINE_WAIT_BASE_MS = 1000;
/** After this many failed tries of one event, a file that cannot be fetched becomes a note so the channel is not stalled. */
const LENIENT_AFTER_FAILURES = 3;
const NAME_CACHE_SIZE = 1000;

/**
 * A VK community's messages as a channel: receives through the Callback API (VK posts to /webhooks/vk/:channelId)
 * or the Bots Long Poll API, and answers through messages.send within VK's limits.
 */
export class VkAdapter implements ChannelAdapter {
  readonly type = 'vk';
  private readonly logger: Logger;
  private readonly abort = new AbortController();
  private readonly api: VkApi;
  private context: ChannelContext | null = null;
  private loop: Promise<void> = Promise.resolve();
  private state: ChannelHealth = { state: 'connecting', since: new Date() };
  /** Names from users.get by user id; only a convenience, VK is asked again after a restart. */
  private readonly names = new Map<string, string | null>();
  private readonly eventFailures = new Map<string, number>();

  constructor(readonly channelId: string, private readonly settings: VkSettings) {
    this.logger = new Logger(`vk:${channelId}`);
    this.api = new VkApi(settings, channelId, this.abort.signal);
  }

  async start(context: ChannelContext): Promise<void> {
    this.context = context;
    // Connecting runs on its own: a bad token or an unreachable VK shows as this channel's state.
    this.loop = this.connect(context);
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error('channel stopped'));
    await this.loop;
    await this.api.stop();
    this.setState('stopped');
  }

  health(): ChannelHealth {
    return this.state;
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const peerId = message.to.externalId;
    const files = message.attachments ?? [];
    // The text (in parts of VK's length), then the files, ten to a message as VK allows.
    const steps: { text?: string; files?: OutboundFile[] }[] = [
      ...(message.text.trim() ? splitText(message.text, VK_TEXT_LIMIT) : []).map((text) => ({ text })),
      ...chunks(files, MAX_ATTACHMENTS_PER_MESSAGE).map((group) => ({ files: group })),
    ];
    if (!steps.length) throw new SendError('nothing to send: no text and no files', { permanent: true });
    // The buttons hang under the last part of the text.
    const keyboardStep = message.choices?.length ? steps.reduce((last, step, i) => (step.text ? i : last), -1) : -1;
    const ids: number[] = [];
    for (const [i, step] of steps.entries()) {
      // Each step has its own stable random_id: a retry resends every step, and VK delivers only those it lacks.
      const randomId = randomIdOf(this.channelId, message.messageId, i);
      ids.push(await this.waitingOutFloods(async () => {
        const attachments: string[] = [];
        for (const file of step.files ?? []) attachments.push(await uploadForMessage(this.api, peerId, file));
        const keyboard = i === keyboardStep ? vkKeyboardOf(message.messageId, message.choices!) : undefined;
        return this.api.call<number>('messages.send', { peer_id: peerId, random_id: randomId, message: step.text, attachment: attachments.join(',') || undefined, keyboard });
      }));
    }
    return { externalId: String(ids[0]), status: 'sent', meta: { vkMessageIds: ids } };
  }

  async handleWebhook(request: WebhookRequest): Promise<WebhookResponse> {
    if (this.settings.mode !== 'callback') return { status: 404, body: { message: `vk channel ${this.channelId} uses the Long Poll API; it takes no callbacks` } };
    if (request.method !== 'POST') return { status: 405, body: { message: 'VK posts events' } };
    let event: VkEvent;
    try {
      event = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      return { status: 400, body: { message: 'the body is not JSON' } };
    }
    if (typeof event?.type !== 'string') return { status: 400, body: { message: 'not a VK Callback API event' } };
    const confirmation = event.type === 'confirmation';
    // VK's confirmation request may come before the secret is saved in the community (it only reveals the code VK
    // already knows); a wrong secret is refused there too, and every event must carry the right one.
    const unsignedConfirmation = confirmation && event.secret === undefined;
    if (!unsignedConfirmation && !secretTokenMatches(event.secret, this.settings.secret)) return { status: 401, body: { message: 'wrong or missing secret' } };
    if (event.group_id !== this.settings.groupId) return { status: 400, body: { message: `the event is for community ${event.group_id}; this channel is community ${this.settings.groupId}` } };
    if (confirmation) return { status: 200, body: this.settings.confirmationCode };
    if (!this.context || this.abort.signal.aborted) return { status: 503, body: { message: 'the channel is not running' } };
    try {
      await this.store(event);
    } catch (err) {
      this.logger.error((err as Error).message);
      // Anything but "ok" makes VK deliver the event again.
      return { status: 500, body: 'not stored; VK will deliver it again' };
    }
    return { status: 200, body: 'ok' };
  }

  /** Checks the token, then polls (or, for the Callback API, waits for VK's posts); starts over with backoff after a failure. */
  private async connect(context: ChannelContext): Promise<void> {
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const community = await this.communityName();
        this.setState('ready');
        if (this.settings.mode === 'callback') {
          this.logger.log(`${community} receives events through the Callback API`);
          return;
        }
        this.logger.log(`${community} polls the Bots Long Poll API`);
        const poller = new VkLongPoll({
          api: this.api,
          groupId: this.settings.groupId,
          waitSeconds: this.settings.pollWaitSeconds,
          cursors: context.cursors,
          handle: (event) => this.store(event),
          onPolled: () => {
            failures = 0;
            this.setState('ready');
          },
          logger: this.logger,
        });
        await poller.run(signal);
      } catch (err) {
        if (signal.aborted) return;
        failures++;
        const reason = reasonOf(err);
        this.setState('error', reason);
        const delay = backoffMs(failures, 1000, 60_000, 0.2);
        this.logger.warn(`${reason}; trying again in ${delay} ms`);
        await sleep(delay, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private async communityName(): Promise<string> {
    const answer = await this.api.call<{ groups?: { name?: string }[] } | { name?: string }[]>('groups.getById', { group_id: this.settings.groupId });
    const group = Array.isArray(answer) ? answer[0] : answer.groups?.[0];
    return group?.name ? `"${group.name}"` : `community ${this.settings.groupId}`;
  }

  /** Stores one event (message or edit); resolves after the commit, rejects if it was not stored. */
  private async store(event: VkEvent): Promise<void> {
    const context = this.context!;
    const key = event.event_id ?? JSON.stringify(event.object ?? null).slice(0, 200);
    try {
      const mapped = mapEvent(event);
      if (mapped.kind === 'ignored') {
        this.logger.debug(`event ${event.type} ignored: ${mapped.reason}`);
      } else if (mapped.kind === 'edit') {
        await context.edits(mapped.externalId, mapped.text, mapped.editedAt);
      } else {
        const lenient = (this.eventFailures.get(key) ?? 0) >= LENIENT_AFTER_FAILURES;
        const attachments: InboundAttachment[] = [];
        for (const file of mapped.files) attachments.push(await this.fetchFile(context, file, lenient));
        const name = await this.nameOf(mapped.message.sender.externalId);
        await context.inbound({ ...mapped.message, sender: { ...mapped.message.sender, name }, attachments });
      }
      this.eventFailures.delete(key);
    } catch (err) {
      if (this.abort.signal.aborted) throw err;
      this.eventFailures.set(key, (this.eventFailures.get(key) ?? 0) + 1);
      throw new Error(`could not store VK event ${event.type} ${event.event_id ?? ''}: ${reasonOf(err)}`);
    }
  }

  /** Downloads a customer's file within the size limit; over it, or after repeated failures, a note instead. */
  private async fetchFile(context: ChannelContext, file: VkFileRef, lenient: boolean): Promise<InboundAttachment> {
    const info = { name: file.name, contentType: file.contentType, size: file.size };
    const limit = context.maxAttachmentBytes;
    if (file.size !== undefined && file.size > limit) return keepAttachment(context, info, async () => null);
    try {
      const response = await this.api.download(file.url);
      const declared = Number(response.headers.get('content-length') ?? NaN);
      try {
        return await keepAttachment(context, { ...info, size: Number.isFinite(declared) ? declared : file.size }, () => readAtMost(response, limit + 1));
      } finally {
        await response.body?.cancel().catch(() => undefined);
      }
    } catch (err) {
      if (!lenient || this.abort.signal.aborted) throw err;
      const note = `could not be downloaded: ${reasonOf(err)}`;
      this.logger.warn(`${file.name} ${note}`);
      return attachmentNote(info, note);
    }
  }

  /** The customer's name as VK shows it (users.get); without it the inbox shows the id. */
  private async nameOf(userId: string): Promise<string | null> {
    if (this.names.has(userId)) return this.names.get(userId)!;
    let name: string | null = null;
    try {
      const [user] = await this.api.call<{ first_name?: string; last_name?: string }[]>('users.get', { user_ids: userId });
      name = [user?.first_name, user?.last_name].map((s) => s?.trim()).filter(Boolean).join(' ') || null;
    } catch (err) {
      // The message matters more than the name: store it nameless rather than hold it back.
      this.logger.warn(`users.get for ${userId} failed: ${reasonOf(err)}`);
      return null;
    }
    if (this.names.size >= NAME_CACHE_SIZE) this.names.clear();
    this.names.set(userId, name);
    return name;
  }

  /** One API call; flood control (9) and too many requests (6) are waited out and tried again a few times. */
  private async waitingOutFloods<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        const wait = INLINE_WAIT_BASE_MS * 2 ** (attempt - 1);
        const mustWait = err instanceof VkApiError && WAIT_AND_RETRY.has(err.code);
        if (!mustWait || attempt > MAX_INLINE_WAITS) throw sendErrorOf(err, mustWait ? wait : undefined);
        this.logger.warn(`${reasonOf(err)}; sending again in ${wait} ms`);
        await sleep(wait, undefined, { signal: this.abort.signal }).catch(() => Promise.reject(new SendError('the channel is stopping')));
      }
    }
  }

  private setState(state: ChannelState, reason?: string): void {
    if (this.state.state === state && this.state.reason === reason) return;
    this.state = { state, reason, since: new Date() };
  }
}

/** Reads a download up to `max` bytes and stops there, so a missing or wrong Content-Length cannot fill memory. */
async function readAtMost(response: Response, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body!) {
    chunks.push(Buffer.from(chunk));
    total += chunk.length;
    if (total >= max) break; // leaving the loop cancels the download
  }
  return Buffer.concat(chunks);
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
