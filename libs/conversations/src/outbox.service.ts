import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { SqlRunner } from '@app/platform/database/sql-runner';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { ProcessIdentity } from '@app/platform/process/process-identity';
import { advanceDeliveryStatus } from './delivery-status';
import { DomainEvents } from './domain-events';
import { EarlyReceipts } from './early-receipts';
import { ContactIdentity, Conversation, DeliveryStatus, Message, OutboxEntry } from './entities';

/** Everything an adapter needs to send one outbox entry. */
export interface OutboundJob {
  entry: OutboxEntry;
  message: Message;
  conversation: Conversation;
  recipient: ContactIdentity;
  /** The last customer message of the conversation, for threading (e-mail In-Reply-To, Telegram reply). */
  lastInbound: Message | null;
}

/** A row anyone may claim now: due and waiting, or caught mid-send by an owner whose claim ran out (it died; no expiry: left by a version without leases). */
const CLAIMABLE = `((status = 'pending' AND "nextAttemptAt" <= ?) OR (status = 'sending' AND ("claimExpiresAt" IS NULL OR "claimExpiresAt" <= ?)))`;

/**
 * The outbox's state transitions. A row is claimed atomically by one process (its ProcessIdentity) for a lease
 * that the owner renews while it sends; recording the outcome applies only while that owner still holds the
 * claim, so a row taken over after its lease ran out is never recorded twice.
 */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly identity: ProcessIdentity,
  ) {}

  /** This process's name on the rows it claims. */
  get owner(): string {
    return this.identity.id;
  }

  /**
   * Claims up to `limit` claimable entries, oldest due first, and loads what sending them needs. `channelIds`
   * narrows the claim to the channels this process sends for (a worker holding some channels' leases).
   */
  async claimDue(limit: number, channelIds?: string[]): Promise<OutboundJob[]> {
    if (channelIds && !channelIds.length) return [];
    const ids = channelIds
      ? await this.claim(`"channelId" IN (${channelIds.map(() => '?').join(', ')}) AND `, channelIds, limit)
      : await this.claim('', [], limit);
    return ids.length ? this.load(ids) : [];
  }

  /**
   * Rows of these channels waiting for a send, due now or later (and rows whose owner's claim ran out), oldest
   * first, for a job queue to schedule; claims nothing.
   */
  async waiting(channelIds: string[], limit: number): Promise<Array<{ id: number; channelId: string; attempts: number; dueAt: number }>> {
    if (!channelIds.length) return [];
    return this.uow.runSql(async (sql) => {
      const now = this.clock.now().getTime();
      const rows = await sql.all<{ id: number | string; channelId: string; attempts: number | string; nextAttemptAt: number | string }>(
        `SELECT id, "channelId", attempts, "nextAttemptAt" FROM outbox
          WHERE "channelId" IN (${channelIds.map(() => '?').join(', ')})
            AND (status = 'pending' OR (status = 'sending' AND ("claimExpiresAt" IS NULL OR "claimExpiresAt" <= ?)))
          ORDER BY "nextAttemptAt", id LIMIT ?`, [...channelIds, now, limit]);
      return rows.map((r) => ({ id: Number(r.id), channelId: r.channelId, attempts: Number(r.attempts), dueAt: Number(r.nextAttemptAt) }));
    });
  }

  /** Claims one entry by id (a job keyed by the row); null when it is not claimable now (sent, not due, or held). */
  async claimById(id: number): Promise<OutboundJob | null> {
    const ids = await this.claim('id = ? AND ', [id], 1);
    return ids.length ? (await this.load(ids))[0] ?? null : null;
  }

  /** Extends this process's claims (the relay calls it while sending); returns how many rows it still holds. */
  async renewClaims(): Promise<number> {
    return this.uow.runSql((sql) => sql.run(
      `UPDATE outbox SET "claimExpiresAt" = ? WHERE "claimedBy" = ? AND status = 'sending'`,
      [this.clock.now().getTime() + this.config.outbox.claimLeaseMs, this.owner]));
  }

  /**
   * Records a send. False when this process no longer held the claim (it ran out and another took the row):
   * nothing is changed then, the holder records its own outcome.
   */
  async markSent(job: OutboundJob, result: { externalId?: string | null; status?: DeliveryStatus; meta?: Record<string, unknown> }): Promise<boolean> {
    return this.finish(job, { status: 'done', lastError: null, countAttempt: true }, async (m, message, now) => {
      const early = new EarlyReceipts(m);
      if (result.externalId) await early.lock(job.entry.channelId, result.externalId);
      const receipts = result.externalId ? await early.take(job.entry.channelId, result.externalId) : [];
      message.deliveryStatus = advanceDeliveryStatus(message.deliveryStatus, result.status ?? 'sent');
      for (const receipt of receipts) message.deliveryStatus = advanceDeliveryStatus(message.deliveryStatus, receipt.status);
      if (message.deliveryStatus === 'failed') message.error = receipts.find((r) => r.status === 'failed')?.error ?? 'the channel reported a failure';
      message.externalId = result.externalId ?? message.externalId;
      message.sentAt = now;
      if (message.deliveryStatus !== 'failed') message.error = null;
      if (result.meta) message.meta = { ...(message.meta ?? {}), ...result.meta };
    });
  }

  /** A failed attempt: retried later with exponential backoff, or final after the last attempt. False when the claim was lost. */
  async markFailed(job: OutboundJob, reason: string, opts: { final: boolean; retryInMs: number }): Promise<boolean> {
    const now = this.clock.now();
    const outcome = opts.final
      ? { status: 'failed' as const, lastError: reason, countAttempt: true }
      : { status: 'pending' as const, lastError: reason, countAttempt: true, nextAttemptAt: new Date(now.getTime() + opts.retryInMs) };
    return this.finish(job, outcome, async (_m, message) => {
      message.error = reason;
      if (opts.final) message.deliveryStatus = 'failed';
    });
  }

  /** Gives the row back untried (the database was busy, the process is stopping): no attempt is counted. */
  async release(job: OutboundJob, retryInMs: number): Promise<boolean> {
    const next = new Date(this.clock.now().getTime() + retryInMs);
    return this.finish(job, { status: 'pending', lastError: job.entry.lastError, countAttempt: false, nextAttemptAt: next });
  }

  /**
   * Keeps what a send delivered so far in the outbound message's meta (Telegram's parts of a long reply): a
   * retry, in whichever process, gets it back in OutboundMessage.meta and sends only the rest.
   */
  async rememberProgress(messageId: number, progress: Record<string, unknown>): Promise<void> {
    await this.uow.run(async (m) => {
      const message = await m.findOneByOrFail(Message, { id: messageId });
      message.meta = { ...(message.meta ?? {}), ...progress };
      await m.save(message);
    });
  }

  /** Applies a delivery receipt from the channel (delivered, read) found by the message's external id. */
  async applyReceipt(channelId: string, externalId: string, status: DeliveryStatus, error?: string): Promise<boolean> {
    const updated = await this.uow.run(async (m) => {
      const early = new EarlyReceipts(m);
      await early.lock(channelId, externalId);
      const message = await m.findOneBy(Message, { channelId, externalId });
      if (!message) {
        await early.park(channelId, externalId, { status, error }, this.clock.now().getTime());
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
   * One statement takes the rows: on PostgreSQL the candidates are locked `FOR UPDATE SKIP LOCKED` (two relays
   * never wait on, or take, the same row), and the update repeats the condition, so the rows it returns are
   * exactly the rows this process got.
   */
  private claim(filter: string, params: unknown[], limit: number): Promise<number[]> {
    return this.uow.runSql(async (sql: SqlRunner) => {
      const now = this.clock.now().getTime();
      const skipLocked = sql.postgres ? ' FOR UPDATE SKIP LOCKED' : '';
      const rows = await sql.all<{ id: number | string }>(
        `UPDATE outbox SET status = 'sending', "claimedBy" = ?, "claimExpiresAt" = ?, "updatedAt" = ?
         WHERE id IN (SELECT id FROM outbox WHERE ${filter}${CLAIMABLE} ORDER BY "nextAttemptAt", id LIMIT ?${skipLocked})
           AND ${CLAIMABLE}
         RETURNING id`,
        [this.owner, now + this.config.outbox.claimLeaseMs, now, ...params, now, now, limit, now, now]);
      return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    });
  }

  private load(ids: number[]): Promise<OutboundJob[]> {
    return this.uow.run(async (m) => {
      const jobs: OutboundJob[] = [];
      const entries = await m.findBy(OutboxEntry, ids.map((id) => ({ id })));
      entries.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
      for (const entry of entries) {
        const message = await m.findOneByOrFail(Message, { id: entry.messageId });
        const conversation = await m.findOneByOrFail(Conversation, { id: message.conversationId });
        const recipient = await m.findOneByOrFail(ContactIdentity, { id: conversation.identityId });
        const lastInbound = await m.findOne(Message, {
          where: { conversationId: conversation.id, direction: 'in' },
          order: { id: 'DESC' },
        });
        jobs.push({ entry, message, conversation, recipient, lastInbound });
      }
      return jobs;
    });
  }

  /** Ends this owner's claim on the row with the outcome, and applies `apply` to the message, in one transaction. */
  private async finish(
    job: OutboundJob,
    outcome: { status: OutboxEntry['status']; lastError: string | null; countAttempt: boolean; nextAttemptAt?: Date },
    apply?: (m: EntityManager, message: Message, now: Date) => Promise<void>,
  ): Promise<boolean> {
    const { owned, message } = await this.uow.run(async (m) => {
      const now = this.clock.now();
      const result = await m.createQueryBuilder().update(OutboxEntry)
        .set({
          status: outcome.status, lastError: outcome.lastError, claimedBy: null, claimExpiresAt: null, updatedAt: now,
          ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
          ...(outcome.countAttempt ? { attempts: () => '"attempts" + 1' } : {}),
        })
        .where('id = :id AND "claimedBy" = :owner AND status = :sending', { id: job.entry.id, owner: this.owner, sending: 'sending' })
        .execute();
      if (result.affected !== 1 || !apply) return { owned: result.affected === 1, message: null };
      const message = await m.findOneByOrFail(Message, { id: job.message.id });
      await apply(m, message, now);
      await m.save(message);
      return { owned: true, message };
    });
    if (message) this.events.emit('message.updated', { message, conversation: job.conversation });
    return owned;
  }
}
