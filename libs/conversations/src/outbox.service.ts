import { Injectable } from '@nestjs/common';
import { In, LessThanOrEqual } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { advanceDeliveryStatus } from './delivery-status';
import { DomainEvents } from './domain-events';
import { ContactIdentity, Conversation, DeliveryStatus, Message, OutboxEntry } from './entities';

/** Receipts for ids not stored yet are kept this long, and at most this many. */
const EARLY_RECEIPT_TTL_MS = 5 * 60_000;
const EARLY_RECEIPT_LIMIT = 10_000;

/** Everything an adapter needs to send one outbox entry. */
export interface OutboundJob {
  entry: OutboxEntry;
  message: Message;
  conversation: Conversation;
  recipient: ContactIdentity;
  /** The last customer message of the conversation, for threading (e-mail In-Reply-To, Telegram reply). */
  lastInbound: Message | null;
}

/** The outbox's state transitions: claim due entries, record a success, a retryable failure or a final one. */
@Injectable()
export class OutboxService {
  private readonly early = new Map<string, Array<{ status: DeliveryStatus; error?: string; at: number }>>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  /**
   * After a crash, entries caught mid-send go back to pending: at-least-once beats lost. Called by the process
   * that has just taken a channel's lease, for that channel only: no other process sends its entries.
   */
  async recoverInFlight(channelId?: string): Promise<number> {
    return this.uow.run(async (m) => {
      const result = await m.update(OutboxEntry, { status: 'sending', ...(channelId ? { channelId } : {}) }, { status: 'pending', updatedAt: this.clock.now() });
      return result.affected ?? 0;
    });
  }

  /** Claims up to `limit` due entries (of these channels, when given) and loads what sending them needs. */
  async claimDue(limit: number, channelIds?: string[]): Promise<OutboundJob[]> {
    if (channelIds && !channelIds.length) return [];
    return this.uow.run(async (m) => {
      const now = this.clock.now();
      const entries = await m.find(OutboxEntry, {
        where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now), ...(channelIds ? { channelId: In(channelIds) } : {}) },
        order: { nextAttemptAt: 'ASC', id: 'ASC' },
        take: limit,
      });
      if (!entries.length) return [];
      await m.update(OutboxEntry, { id: In(entries.map((e) => e.id)), status: 'pending' }, { status: 'sending', updatedAt: now });
      const jobs: OutboundJob[] = [];
      for (const entry of entries) {
        const message = await m.findOneByOrFail(Message, { id: entry.messageId });
        const conversation = await m.findOneByOrFail(Conversation, { id: message.conversationId });
        const recipient = await m.findOneByOrFail(ContactIdentity, { id: conversation.identityId });
        const lastInbound = await m.findOne(Message, {
          where: { conversationId: conversation.id, direction: 'in' },
          order: { id: 'DESC' },
        });
        jobs.push({ entry: { ...entry, status: 'sending' }, message, conversation, recipient, lastInbound });
      }
      return jobs;
    });
  }

  async markSent(job: OutboundJob, result: { externalId?: string | null; status?: DeliveryStatus; meta?: Record<string, unknown> }): Promise<void> {
    const early = result.externalId ? this.takeEarlyReceipts(job.entry.channelId, result.externalId) : [];
    await this.finish(job, (message, now) => {
      message.deliveryStatus = advanceDeliveryStatus(message.deliveryStatus, result.status ?? 'sent');
      for (const receipt of early) message.deliveryStatus = advanceDeliveryStatus(message.deliveryStatus, receipt.status);
      if (message.deliveryStatus === 'failed') message.error = early.find((r) => r.status === 'failed')?.error ?? 'the channel reported a failure';
      message.externalId = result.externalId ?? message.externalId;
      message.sentAt = now;
      if (message.deliveryStatus !== 'failed') message.error = null;
      if (result.meta) message.meta = { ...(message.meta ?? {}), ...result.meta };
      return { status: 'done', lastError: null };
    });
  }

  /** A failed attempt: retried later with exponential backoff, or final after the last attempt. */
  async markFailed(job: OutboundJob, reason: string, opts: { final: boolean; retryInMs: number }): Promise<void> {
    await this.finish(job, (message, now) => {
      message.error = reason;
      if (opts.final) {
        message.deliveryStatus = 'failed';
        return { status: 'failed', lastError: reason };
      }
      return { status: 'pending', lastError: reason, nextAttemptAt: new Date(now.getTime() + opts.retryInMs) };
    });
  }

  /** Applies a delivery receipt from the channel (delivered, read) found by the message's external id. */
  async applyReceipt(channelId: string, externalId: string, status: DeliveryStatus, error?: string): Promise<boolean> {
    const updated = await this.uow.run(async (m) => {
      const message = await m.findOneBy(Message, { channelId, externalId });
      if (!message) {
        this.parkEarlyReceipt(channelId, externalId, status, error);
        return null;
      }
      const next = advanceDeliveryStatus(message.deliveryStatus, status);
      if (next === message.deliveryStatus) return null;
      message.deliveryStatus = next;
      if (next === 'failed') message.error = error ?? 'the channel reported a failure';
      await m.save(message);
      return { message, conversation: await m.findOneByOrFail(Conversation, { id: message.conversationId }) };
    });
    if (updated) this.events.emit('message.updated', updated);
    return updated !== null;
  }

  /**
   * A receipt can overtake the send's own answer (the channel reports "delivered" before our send call returns
   * the id). It is kept for a while and applied when the send is recorded, instead of being lost.
   */
  private parkEarlyReceipt(channelId: string, externalId: string, status: DeliveryStatus, error?: string): void {
    const now = Date.now();
    for (const [key, list] of this.early) if (list[0].at < now - EARLY_RECEIPT_TTL_MS) this.early.delete(key);
    if (this.early.size >= EARLY_RECEIPT_LIMIT) return;
    const key = `${channelId}\u0000${externalId}`;
    this.early.set(key, [...(this.early.get(key) ?? []), { status, error, at: now }]);
  }

  private takeEarlyReceipts(channelId: string, externalId: string): Array<{ status: DeliveryStatus; error?: string }> {
    const key = `${channelId}\u0000${externalId}`;
    const list = this.early.get(key) ?? [];
    this.early.delete(key);
    return list;
  }

  private async finish(
    job: OutboundJob,
    apply: (message: Message, now: Date) => Partial<OutboxEntry>,
  ): Promise<void> {
    const message = await this.uow.run(async (m) => {
      const now = this.clock.now();
      const message = await m.findOneByOrFail(Message, { id: job.message.id });
      const entryChanges = apply(message, now);
      await m.save(message);
      await m.update(OutboxEntry, { id: job.entry.id }, {
        ...entryChanges, attempts: job.entry.attempts + 1, updatedAt: now,
      });
      return message;
    });
    this.events.emit('message.updated', { message, conversation: job.conversation });
  }
}
