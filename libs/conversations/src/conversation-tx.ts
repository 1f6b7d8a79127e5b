import { SqlRunner } from '@app/platform/database/sql-runner';
import { Attachment, Conversation, Message } from './entities';

const time = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));
const ms = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(String(v)));

const CONVERSATION_FIELDS = [
  'status', 'assigneeId', 'subject', 'lastMessagePreview', 'lastMessageAt', 'lastInboundAt', 'awaitingReply', 'waitingSince',
  'firstResponseDueAt', 'nextResponseDueAt', 'resolutionDueAt', 'firstRespondedAt', 'dueAt', 'warnAt', 'slaState', 'slaClock', 'updatedAt',
] as const;
const TIME_FIELDS = new Set(['lastMessageAt', 'lastInboundAt', 'waitingSince', 'firstResponseDueAt', 'nextResponseDueAt', 'resolutionDueAt', 'firstRespondedAt', 'dueAt', 'warnAt', 'updatedAt', 'createdAt']);
const MESSAGE_COLUMNS = ['conversationId', 'channelId', 'direction', 'body', 'bodyHtml', 'attachments', 'authorId', 'automatic', 'externalId', 'deliveryStatus', 'error', 'meta', 'sentAt', 'editedAt', 'originalBody', 'createdAt'] as const;
const q = (name: string) => `"${name}"`;

/** A row of `conversations` as the entity the hooks work on (times as Date, JSON parsed, booleans as booleans). */
export function toConversation(row: Record<string, unknown>): Conversation {
  const c = new Conversation();
  for (const [key, value] of Object.entries(row)) {
    (c as unknown as Record<string, unknown>)[key] = TIME_FIELDS.has(key) ? time(value) : value;
  }
  c.id = Number(row.id);
  c.contactId = Number(row.contactId);
  c.identityId = Number(row.identityId);
  c.assigneeId = row.assigneeId === null ? null : Number(row.assigneeId);
  c.awaitingReply = row.awaitingReply === true || row.awaitingReply === 1;
  c.slaClock = json(row.slaClock);
  return c;
}

/**
 * The conversation model's writes as plain SQL inside one transaction, shared by ingest (the hot path)
 * and the hooks (SLA bookkeeping, automatic replies), on SQLite and PostgreSQL alike.
 */
export class ConversationTx {
  /** The stored values of each loaded conversation, so an update writes only what changed (and so touches only the indexes it must). */
  private readonly stored = new WeakMap<Conversation, Record<string, unknown>>();

  constructor(readonly sql: SqlRunner) {}

  /**
   * Reads a conversation for change. On PostgreSQL the row stays locked (`FOR UPDATE`) until the transaction
   * ends, so concurrent ingest, replies, assignment and status changes take turns instead of one overwriting
   * what the other wrote; SQLite has one writer at a time already.
   */
  async conversation(where: string, params: unknown[]): Promise<Conversation | null> {
    const lock = this.sql.postgres ? ' FOR UPDATE' : '';
    const [row] = await this.sql.all(`SELECT * FROM conversations WHERE ${where} ORDER BY id DESC LIMIT 1${lock}`, params);
    if (!row) return null;
    const c = toConversation(row);
    this.stored.set(c, row); // the row holds exactly the stored (encoded) values
    return c;
  }

  async insertConversation(c: Conversation): Promise<number> {
    const columns = ['channelId', 'contactId', 'identityId', 'createdAt', ...CONVERSATION_FIELDS];
    c.id = await this.sql.insert(
      `INSERT INTO conversations (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) RETURNING id`,
      columns.map((k) => this.value(c, k)),
    );
    this.remember(c);
    return c.id;
  }

  /** Writes the fields a use case or hook changed since the conversation was read (all of them if it was not read here). */
  async updateConversation(c: Conversation): Promise<void> {
    const before = this.stored.get(c);
    const columns: string[] = [];
    const values: unknown[] = [];
    const now: Record<string, unknown> = { ...before };
    for (const k of CONVERSATION_FIELDS) {
      const v = this.value(c, k);
      // PostgreSQL returns bigint as text: compare loosely on numbers' text form.
      if (before && (before[k] === v || (before[k] !== null && v !== null && String(before[k]) === String(v)))) continue;
      columns.push(`${q(k)} = ?`);
      values.push(v);
      now[k] = v;
    }
    if (!columns.length) return;
    await this.sql.run(`UPDATE conversations SET ${columns.join(', ')} WHERE id = ?`, [...values, c.id]);
    this.stored.set(c, now);
  }

  private remember(c: Conversation): void {
    this.stored.set(c, Object.fromEntries(CONVERSATION_FIELDS.map((k) => [k, this.value(c, k)])));
  }

  async insertMessage(m: Omit<Message, 'id'>): Promise<Message> {
    const id = await this.sql.insert(
      `INSERT INTO messages (${MESSAGE_COLUMNS.map(q).join(', ')}) VALUES (${MESSAGE_COLUMNS.map(() => '?').join(', ')}) RETURNING id`,
      MESSAGE_COLUMNS.map((k) => {
        const v = (m as Record<string, unknown>)[k];
        if (k === 'attachments' || k === 'meta') return v === null || v === undefined ? null : JSON.stringify(v);
        return v instanceof Date ? v.getTime() : v ?? null;
      }),
    );
    return Object.assign(new Message(), m, { id });
  }

  async insertOutbox(messageId: number, channelId: string, at: Date): Promise<void> {
    await this.sql.insert(
      `INSERT INTO outbox ("messageId", "channelId", status, attempts, "nextAttemptAt", "lastError", "createdAt", "updatedAt") VALUES (?, ?, 'pending', 0, ?, NULL, ?, ?) RETURNING id`,
      [messageId, channelId, at.getTime(), at.getTime(), at.getTime()],
    );
  }

  /**
   * Adds our side of the conversation: an outbound message with its outbox entry (sent by the relay), or a note
   * that never leaves the inbox. The caller writes the conversation afterwards (`updateConversation`).
   */
  async addMessage(
    c: Conversation,
    fields: { direction: 'out' | 'note'; body: string; authorId: number | null; automatic: boolean; attachments?: Attachment[]; meta?: Record<string, unknown> },
    at: Date,
  ): Promise<Message> {
    const message = await this.insertMessage({
      conversationId: c.id, channelId: c.channelId, direction: fields.direction, body: fields.body, bodyHtml: null,
      attachments: fields.attachments?.length ? fields.attachments : null, authorId: fields.authorId, automatic: fields.automatic,
      externalId: null, deliveryStatus: fields.direction === 'out' ? 'queued' : null, error: null, meta: fields.meta ?? null,
      sentAt: null, editedAt: null, originalBody: null, createdAt: at,
    });
    if (fields.direction === 'out') await this.insertOutbox(message.id, c.channelId, at);
    c.lastMessageAt = at;
    c.updatedAt = at;
    return message;
  }

  /** An automatic outbound message (acknowledgement, notice); never an agent's answer. */
  queueAutomatic(c: Conversation, body: string, meta: Record<string, unknown>, at: Date): Promise<Message> {
    return this.addMessage(c, { direction: 'out', body, authorId: null, automatic: true, meta }, at);
  }

  private value(c: Conversation, key: string): unknown {
    const v = (c as unknown as Record<string, unknown>)[key];
    if (key === 'slaClock') return v === null || v === undefined ? null : JSON.stringify(v);
    return TIME_FIELDS.has(key) ? ms(v as Date | null) : v ?? null;
  }
}
