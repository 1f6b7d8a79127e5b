import { EntityManager } from 'typeorm';
import { DeliveryStatus } from './entities';

/** Receipts for ids not stored yet are kept this long, and at most this many. */
const EARLY_RECEIPT_TTL_MS = 5 * 60_000;
const EARLY_RECEIPT_LIMIT = 10_000;

export interface EarlyReceipt {
  status: DeliveryStatus;
  error?: string;
}

/**
 * A receipt can overtake the send's own answer (the channel reports "delivered" before our send call returns
 * the id), and in a cluster it may reach another process than the sender. It is parked in the database and
 * applied when the send is recorded. Parking and taking hold one transaction-scoped lock per message id on
 * PostgreSQL, so a receipt either sees the recorded send or is seen by it, never neither.
 */
export class EarlyReceipts {
  constructor(private readonly m: EntityManager) {}

  private get postgres(): boolean {
    return this.m.connection.options.type === 'postgres';
  }

  /** Serialises receipts and the recorded send of one external id until the transaction ends. */
  async lock(channelId: string, externalId: string): Promise<void> {
    if (this.postgres) await this.m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`receipt:${channelId}:${externalId}`]);
  }

  async park(channelId: string, externalId: string, receipt: EarlyReceipt, now: number): Promise<void> {
    await this.m.query(this.sql('DELETE FROM early_receipts WHERE "at" < ?'), [now - EARLY_RECEIPT_TTL_MS]);
    const [count] = await this.m.query(this.sql('SELECT COUNT(*) AS n FROM early_receipts'));
    if (Number(count.n) >= EARLY_RECEIPT_LIMIT) return;
    await this.m.query(this.sql('INSERT INTO early_receipts ("channelId", "externalId", status, error, "at") VALUES (?, ?, ?, ?, ?)'),
      [channelId, externalId, receipt.status, receipt.error ?? null, now]);
  }

  /** The receipts parked for this id, oldest first; they are removed. */
  async take(channelId: string, externalId: string): Promise<EarlyReceipt[]> {
    const rows: Array<{ status: DeliveryStatus; error: string | null }> = await this.m.query(
      this.sql('SELECT status, error FROM early_receipts WHERE "channelId" = ? AND "externalId" = ? ORDER BY id'), [channelId, externalId]);
    if (rows.length) await this.m.query(this.sql('DELETE FROM early_receipts WHERE "channelId" = ? AND "externalId" = ?'), [channelId, externalId]);
    return rows.map((r) => ({ status: r.status, error: r.error ?? undefined }));
  }

  private sql(text: string): string {
    if (!this.postgres) return text;
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  }
}
