import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { MetricsService } from '@app/platform/metrics/metrics.service';
import { QuarantinedInbound, QuarantineRawFormat, QuarantineStatus } from './entities';
import { ConflictError, NotFoundError } from './errors';
import { fitId, INBOUND_LIMITS, storableText } from './inbound-text.util';
import { InboundCommand, IngestResult, IngestService } from './ingest.service';

/** What became of an inbound item: stored (or a repeat of a stored one), or set aside for ops. */
export type InboundOutcome = (IngestResult & { quarantined?: false }) | { quarantined: true; quarantineId: number };

/** A channel's item that could not even be read as a message, as the channel delivered it. */
export interface RawInboundItem {
  /** The channel's id of the item (a Telegram update id); without one, a hash of the raw item names it. */
  externalId?: string;
  raw: string | Buffer;
}

const MAX_REMEMBERED_FAILURES = 10_000;

/**
 * The one way inbound items reach storage from a channel, and the one writer of the quarantine table.
 * A message that fails to store is counted in the database (so the count survives restarts and is shared by
 * every process); at `inbound.maxAttempts` failures it is set aside with its raw content and last error, and
 * the channel is told it may move on (acknowledge, advance its cursor). Ops list, retry or discard it.
 */
@Injectable()
export class InboundQuarantine {
  private readonly logger = new Logger(InboundQuarantine.name);
  /** Items this process saw fail: only for them does a later success clear the failure count. */
  private readonly failedHere = new Set<string>();
  private readonly setAside: Counter<'channel'>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ingest: IngestService,
    private readonly uow: UnitOfWork,
    private readonly db: DataSource,
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.setAside = new Counter({
      name: 'inbox_quarantined_messages_total', help: 'Inbound items set aside because they could not be stored, by channel',
      labelNames: ['channel'], registers: [metrics.registry],
    });
    const waiting = () => this.waitingByChannel();
    new Gauge({
      name: 'inbox_quarantine_waiting', help: 'Inbound items in the quarantine waiting for ops (retry or discard), by channel',
      labelNames: ['channel'], registers: [metrics.registry],
      async collect() {
        this.reset();
        for (const row of await waiting()) this.set({ channel: row.channelId }, Number(row.count));
      },
    });
  }

  /** Stores a message; after too many failures sets it aside and resolves `quarantined` instead of rejecting. */
  async receive(cmd: InboundCommand): Promise<InboundOutcome> {
    const key = `${cmd.channelId}\u0000${cmd.externalId}`;
    try {
      const result = await this.ingest.ingest(cmd);
      if (this.failedHere.delete(key)) await this.clearFailures(cmd.channelId, cmd.externalId).catch(() => undefined);
      return result;
    } catch (err) {
      if (this.failedHere.size >= MAX_REMEMBERED_FAILURES) this.failedHere.clear(); // only a hint: a stale count is harmless
      this.failedHere.add(key);
      const entry = await this.recordFailure(cmd, err as Error).catch((countErr: Error) => {
        // The database cannot take the count either: the channel delivers the item again later.
        this.logger.warn(`could not count the failure of inbound ${cmd.channelId}/${cmd.externalId}: ${countErr.message}`);
        throw err;
      });
      if (entry.status === 'failing') throw err;
      this.failedHere.delete(key);
      return { quarantined: true, quarantineId: entry.id };
    }
  }

  /** Sets aside at once an item the adapter could not turn into a message; a repeat of it is kept once. */
  async quarantineRaw(channelId: string, item: RawInboundItem, reason: string): Promise<number> {
    const binary = Buffer.isBuffer(item.raw);
    const raw = binary ? (item.raw as Buffer).toString('base64') : storableText(item.raw as string);
    const externalId = keyOf(item.externalId ?? `sha256:${createHash('sha256').update(item.raw).digest('hex')}`);
    const now = this.clock.now().getTime();
    const created = await this.uow.runSql(async (sql) => {
      const rows = await sql.all<{ id: number }>(
        `INSERT INTO inbound_quarantine ("channelId", "externalId", status, attempts, error, "rawFormat", raw, "createdAt", "updatedAt", "quarantinedAt")
         VALUES (?, ?, 'quarantined', 1, ?, ?, ?, ?, ?, ?) ON CONFLICT ("channelId", "externalId") DO NOTHING RETURNING id`,
        [channelId, externalId, storableText(reason), binary ? 'base64' : 'text', raw, now, now, now]);
      if (rows.length) return { id: Number(rows[0].id), fresh: true };
      const [existing] = await sql.all<{ id: number }>('SELECT id FROM inbound_quarantine WHERE "channelId" = ? AND "externalId" = ?', [channelId, externalId]);
      return { id: Number(existing.id), fresh: false };
    });
    if (created.fresh) this.announce(channelId, externalId, reason);
    return created.id;
  }

  list(status: QuarantineStatus = 'quarantined', channelId?: string): Promise<QuarantinedInbound[]> {
    return this.db.getRepository(QuarantinedInbound).find({ where: { status, ...(channelId ? { channelId } : {}) }, order: { id: 'DESC' }, take: 500 });
  }

  /** Stores a quarantined message again (after the cause was fixed); an item that was never a message cannot be. */
  async retry(id: number): Promise<QuarantinedInbound> {
    const entry = await this.waiting(id);
    if (entry.rawFormat !== 'message' || !entry.raw) {
      throw new ConflictError(`quarantined item ${id} is not a message the channel could read (${entry.error}); it can only be discarded`);
    }
    const cmd = JSON.parse(entry.raw) as InboundCommand;
    if (cmd.sentAt) cmd.sentAt = new Date(cmd.sentAt);
    let result: IngestResult;
    try {
      result = await this.ingest.ingest({ ...cmd, channelId: entry.channelId });
    } catch (err) {
      await this.update(id, { error: storableText((err as Error).message) });
      throw new ConflictError(`quarantined item ${id} could still not be stored: ${(err as Error).message}`);
    }
    await this.update(id, { status: 'retried', messageId: result.messageId });
    return this.db.getRepository(QuarantinedInbound).findOneByOrFail({ id });
  }

  /** Drops a quarantined item for good; the row stays (without its content) so a redelivery is not stored either. */
  async discard(id: number): Promise<QuarantinedInbound> {
    await this.waiting(id);
    await this.update(id, { status: 'discarded', raw: null });
    return this.db.getRepository(QuarantinedInbound).findOneByOrFail({ id });
  }

  /** Counts one failure of the item; sets it aside when this was the last allowed attempt. */
  private async recordFailure(cmd: InboundCommand, err: Error): Promise<{ id: number; status: QuarantineStatus }> {
    const externalId = keyOf(cmd.externalId);
    const error = storableText(err.message || String(err));
    const { channelId: _channel, ...message } = cmd;
    const raw = JSON.stringify(message); // JSON escapes NUL and lone surrogates: always storable
    const now = this.clock.now().getTime();
    const outcome = await this.uow.runSql(async (sql) => {
      const [counted] = await sql.all<{ id: number; attempts: number }>(
        `INSERT INTO inbound_quarantine ("channelId", "externalId", status, attempts, error, "rawFormat", raw, "createdAt", "updatedAt")
         VALUES (?, ?, 'failing', 1, ?, 'message', ?, ?, ?)
         ON CONFLICT ("channelId", "externalId") DO UPDATE SET attempts = inbound_quarantine.attempts + 1, error = excluded.error,
           raw = excluded.raw, "updatedAt" = excluded."updatedAt" WHERE inbound_quarantine.status = 'failing'
         RETURNING id, attempts`,
        [cmd.channelId, externalId, error, raw, now, now]);
      if (!counted) {
        // Already set aside (or discarded) earlier: a redelivery of it is not tried again.
        const [kept] = await sql.all<{ id: number; status: QuarantineStatus }>(
          'SELECT id, status FROM inbound_quarantine WHERE "channelId" = ? AND "externalId" = ?', [cmd.channelId, externalId]);
        return { id: Number(kept.id), status: kept.status, fresh: false };
      }
      if (Number(counted.attempts) < this.config.inbound.maxAttempts) return { id: Number(counted.id), status: 'failing' as const, fresh: false };
      await sql.run(`UPDATE inbound_quarantine SET status = 'quarantined', "quarantinedAt" = ? WHERE id = ?`, [now, Number(counted.id)]);
      return { id: Number(counted.id), status: 'quarantined' as const, fresh: true };
    });
    if (outcome.status === 'failing') {
      this.logger.warn(`inbound ${cmd.channelId}/${externalId} not stored (${error}); the channel will deliver it again`);
    } else if (outcome.fresh) {
      this.announce(cmd.channelId, externalId, `not stored after ${this.config.inbound.maxAttempts} attempts: ${error}`);
    }
    return outcome;
  }

  private announce(channelId: string, externalId: string, reason: string): void {
    this.setAside.inc({ channel: channelId });
    this.logger.error(`inbound ${channelId}/${externalId} set aside in the quarantine (GET /api/quarantine): ${reason}`);
  }

  private async clearFailures(channelId: string, externalId: string): Promise<void> {
    await this.uow.runSql((sql) => sql.run(`DELETE FROM inbound_quarantine WHERE "channelId" = ? AND "externalId" = ? AND status = 'failing'`, [channelId, keyOf(externalId)]));
  }

  private async waiting(id: number): Promise<QuarantinedInbound> {
    const entry = await this.db.getRepository(QuarantinedInbound).findOneBy({ id });
    if (!entry) throw new NotFoundError('quarantined item', id);
    if (entry.status !== 'quarantined') throw new ConflictError(`quarantined item ${id} is ${entry.status}, not waiting for ops`);
    return entry;
  }

  private async update(id: number, changes: Partial<Pick<QuarantinedInbound, 'status' | 'error' | 'messageId' | 'raw'>>): Promise<void> {
    await this.uow.run((m) => m.update(QuarantinedInbound, { id }, { ...changes, updatedAt: this.clock.now() }));
  }

  private waitingByChannel(): Promise<Array<{ channelId: string; count: number | string }>> {
    return this.db.query(`SELECT "channelId", COUNT(*) AS count FROM inbound_quarantine WHERE status = 'quarantined' GROUP BY "channelId"`);
  }
}

/** The channel's id as the table keeps it (the same value as the message's dedupe id). */
function keyOf(externalId: string): string {
  return fitId(storableText(externalId), INBOUND_LIMITS.messageId);
}
