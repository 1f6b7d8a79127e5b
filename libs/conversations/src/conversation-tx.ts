import { SqlRunner } from '@app/platform/database/sql-runner';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import type { Choice } from '@app/platform/contracts/choices';
import { heldByBot } from './bot-hold';
import { Attachment, Conversation, Message } from './entities';

const time = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));
const ms = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(String(v)));
/**
 * The SLA clock is read frozen, its stored text kept on it: most messages of a batch leave their conversation's clock
 * as it was (its hook then keeps the object), and encoding each clock again only to find it unchanged cost more than
 * the rest of the comparison. Frozen, so a clock changed in place (which the kept text would hide) throws instead.
 */
const STORED_TEXT = Symbol('stored text');
const frozenJson = (v: unknown) => {
  if (v === null || v === undefined) return null;
  // Not enumerable: neither JSON nor a spread copies it.
  return Object.freeze(Object.defineProperty(JSON.parse(String(v)), STORED_TEXT, { value: String(v) }));
};
const storedText = (v: object): string | undefined => (v as { [STORED_TEXT]?: string })[STORED_TEXT];

/** The columns a use case or hook may change, with their PostgreSQL types (for the set-based update). */
const CONVERSATION_FIELD_TYPES = {
  status: 'varchar', assigneeId: 'integer', subject: 'varchar', lastMessagePreview: 'varchar', lastMessageAt: 'bigint',
  lastInboundAt: 'bigint', awaitingReply: 'boolean', waitingSince: 'bigint', firstResponseDueAt: 'bigint', nextResponseDueAt: 'bigint',
  resolutionDueAt: 'bigint', firstRespondedAt: 'bigint', dueAt: 'bigint', warnAt: 'bigint', slaState: 'varchar', slaClock: 'text', updatedAt: 'bigint',
  snoozedUntil: 'bigint', unreadCount: 'integer', teamId: 'integer', queuedAt: 'bigint', bot: 'text', heldByBot: 'boolean', language: 'varchar', topic: 'varchar',
  offerMessageId: 'integer',
} as const;
type ConversationField = keyof typeof CONVERSATION_FIELD_TYPES;
const CONVERSATION_FIELDS = Object.keys(CONVERSATION_FIELD_TYPES) as ConversationField[];
const CONVERSATION_INSERT_COLUMNS = ['channelId', 'contactId', 'identityId', 'createdAt', ...CONVERSATION_FIELDS] as const;
const TIME_FIELDS = new Set(['lastMessageAt', 'lastInboundAt', 'waitingSince', 'firstResponseDueAt', 'nextResponseDueAt', 'resolutionDueAt', 'firstRespondedAt', 'dueAt', 'warnAt', 'updatedAt', 'createdAt', 'snoozedUntil', 'queuedAt']);
const MESSAGE_COLUMNS = ['conversationId', 'channelId', 'direction', 'body', 'bodyHtml', 'attachments', 'authorId', 'automatic', 'externalId', 'deliveryStatus', 'error', 'meta', 'sentAt', 'editedAt', 'originalBody', 'createdAt', 'choices'] as const;
const OUTBOX_COLUMNS = ['messageId', 'channelId', 'status', 'attempts', 'nextAttemptAt', 'lastError', 'createdAt', 'updatedAt'] as const;
const q = (name: string) => `"${name}"`;

/** Decodes one stored column into the entity's field (times as Date, JSON parsed, booleans as booleans). */
type Decode = (v: unknown) => unknown;
const asIs: Decode = (v) => v;
const toNumber: Decode = (v) => Number(v);
const toNullableNumber: Decode = (v) => (v === null || v === undefined ? null : Number(v));
const isTrue: Decode = (v) => v === true || v === 1;
const toBoolean: Decode = (v) => (v === null || v === undefined ? null : isTrue(v));
const DECODE: Record<string, Decode> = {
  id: toNumber, contactId: toNumber, identityId: toNumber, assigneeId: toNullableNumber, teamId: toNullableNumber, offerMessageId: toNullableNumber,
  awaitingReply: isTrue, heldByBot: isTrue, unreadCount: (v) => Number(v ?? 0), slaClock: frozenJson, bot: json,
  ...Object.fromEntries([...TIME_FIELDS].map((k) => [k, time])),
};
/**
 * A stored value as `value()` encodes the entity's field (numbers as numbers, booleans as booleans, on both
 * databases: PostgreSQL returns bigint as text, SQLite booleans as 0/1), so a change is a strict inequality.
 */
const NORMALISE: Record<(typeof CONVERSATION_FIELD_TYPES)[ConversationField], Decode> = {
  varchar: (v) => v ?? null, text: (v) => v ?? null, bigint: toNullableNumber, integer: toNullableNumber, boolean: toBoolean,
};

/** How rows of one column list become entities and their stored values: worked out once per statement. */
interface RowReader {
  decode: Decode[];
  /** For each of CONVERSATION_FIELDS, its index in the row (-1: not selected). */
  fieldIndex: number[];
}
const readers = new WeakMap<readonly string[], RowReader>();
function readerOf(columns: readonly string[]): RowReader {
  let reader = readers.get(columns);
  if (!reader) {
    reader = { decode: columns.map((c) => DECODE[c] ?? asIs), fieldIndex: CONVERSATION_FIELDS.map((k) => columns.indexOf(k)) };
    readers.set(columns, reader);
  }
  return reader;
}

/** Each of CONVERSATION_FIELDS encoded from the entity as it is written (and compared with what is stored). */
const ENCODE: Array<(c: Conversation) => unknown> = CONVERSATION_FIELDS.map((k) => {
  const get = (c: Conversation) => (c as unknown as Record<string, unknown>)[k];
  if (k === 'slaClock') return (c) => { const v = get(c); return v === null || v === undefined ? null : storedText(v) ?? JSON.stringify(v); };
  if (k === 'bot') return (c) => { const v = get(c); return v === null || v === undefined ? null : JSON.stringify(v); };
  // Follows `bot` whoever changed it (the bot, an agent taking over), so the list's filter never disagrees with it.
  if (k === 'heldByBot') return (c) => heldByBot(c);
  if (TIME_FIELDS.has(k)) return (c) => ms(get(c) as Date | null);
  return (c) => get(c) ?? null;
});
// A change is a bit mask over the fields: 31 bits at most.
if (CONVERSATION_FIELDS.length > 31) throw new Error('conversation-tx: more changeable fields than a change mask holds');
/** The field indexes of a change mask, in field order (a batch has a handful of distinct masks). */
const maskFields = new Map<number, number[]>();
function fieldsOf(mask: number): number[] {
  let fields = maskFields.get(mask);
  if (!fields) maskFields.set(mask, (fields = CONVERSATION_FIELDS.map((_, f) => f).filter((f) => mask & (1 << f))));
  return fields;
}

/**
 * The conversation model's writes as plain SQL inside one transaction, shared by ingest (the hot path), replies,
 * agents' actions and the hooks (SLA bookkeeping, automatic replies), on SQLite and PostgreSQL alike.
 *
 * New messages, their outbox rows and conversation changes are collected and written together (`flush`):
 * a batch of a thousand inbound messages costs a handful of statements on PostgreSQL, not thousands of round
 * trips. Any statement run through `sql` (the hooks' reads and writes) flushes first, so it sees everything
 * written before it, in order. `ConversationTx.within` flushes before the commit.
 */
export class ConversationTx {
  /**
   * The stored values of each loaded conversation, as `value()` encodes them in CONVERSATION_FIELDS order, so an
   * update writes only what changed (and so touches only the indexes it must).
   */
  private readonly stored = new WeakMap<Conversation, unknown[]>();
  /** New messages, each with the conversation it is added to (its open offer follows the messages, in order). */
  private readonly pendingMessages: Array<{ message: Message; conversation: Conversation }> = [];
  private readonly pendingOutbox: Array<{ message: Message; channelId: string; at: number }> = [];
  private readonly dirty = new Set<Conversation>();
  /** Append-only rows nobody reads back in the transaction (reporting events), by table, columns and conflict rule. */
  private readonly pendingRows = new Map<string, { table: string; columns: readonly string[]; onConflict: string; rows: unknown[][] }>();
  /** Work to do once the transaction has committed (publishing what a hook did); dropped when it rolls back. */
  private readonly committed: Array<() => void> = [];
  /** The transaction's SQL for hooks and queries: flushes what is collected before each statement. */
  readonly sql: SqlRunner;

  constructor(private readonly raw: SqlRunner) {
    const flushFirst = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
      await this.flush();
      return fn(...args);
    };
    this.sql = {
      postgres: raw.postgres,
      all: flushFirst((sql: string, params?: unknown[]) => raw.all(sql, params)) as SqlRunner['all'],
      allArrays: flushFirst((sql: string, params?: unknown[]) => raw.allArrays(sql, params)),
      run: flushFirst((sql: string, params?: unknown[]) => raw.run(sql, params)),
      runEach: flushFirst((sql: string, paramLists: unknown[][]) => raw.runEach(sql, paramLists)),
      insert: flushFirst((sql: string, params?: unknown[]) => raw.insert(sql, params)),
      insertMany: flushFirst((table: string, columns: readonly string[], rows: unknown[][]) => raw.insertMany(table, columns, rows)),
      appendMany: flushFirst((table: string, columns: readonly string[], rows: unknown[][], suffix?: string) => raw.appendMany(table, columns, rows, suffix)),
      inList: (column, values) => raw.inList(column, values),
    };
  }

  /** Runs `work` in one transaction and writes what it collected before the commit. */
  static async within<T>(uow: UnitOfWork, work: (tx: ConversationTx) => Promise<T>): Promise<T> {
    let last: ConversationTx | null = null;
    const result = await uow.runSql(async (sql) => {
      const tx = (last = new ConversationTx(sql));
      const result = await work(tx);
      await tx.flush();
      return result;
    });
    // Only the attempt that committed (a busy SQLite retries the work in a new transaction), and after the caller's
    // own events (ingest publishes the customer's message first, then what the bot answered).
    const committed = (last as ConversationTx | null)?.committed ?? [];
    if (committed.length) setImmediate(() => committed.forEach((fn) => fn()));
    return result;
  }

  /** Runs `fn` after the commit: a hook's events (a handover, the bot's messages) are published only once they are stored. */
  afterCommit(fn: () => void): void {
    this.committed.push(fn);
  }

  /**
   * Reads a conversation for change. On PostgreSQL the row stays locked (`FOR NO KEY UPDATE`) until the
   * transaction ends, so concurrent ingest, replies, assignment and status changes take turns instead of one
   * overwriting what the other wrote; the weaker mode (we never change a conversation's id) still lets other
   * transactions insert messages that reference it. SQLite has one writer at a time already.
   */
  async conversation(where: string, params: unknown[]): Promise<Conversation | null> {
    const { columns, rows } = await this.sql.allArrays(`SELECT * FROM conversations WHERE ${where} ORDER BY id DESC LIMIT 1${this.lock}`, params);
    return rows.length ? this.loaded(columns, rows[0]) : null;
  }

  /** Every conversation matching `where`, locked in id order (a stable order, so two batches cannot deadlock). */
  async conversations(where: string, params: unknown[]): Promise<Conversation[]> {
    const { columns, rows } = await this.sql.allArrays(`SELECT * FROM conversations WHERE ${where} ORDER BY id${this.lock}`, params);
    return rows.map((row) => this.loaded(columns, row));
  }

  async insertConversation(c: Conversation): Promise<number> {
    [c.id] = await this.insertConversations([c]);
    return c.id;
  }

  /** Inserts new conversations (one statement on PostgreSQL); sets and returns their ids. */
  async insertConversations(list: Conversation[]): Promise<number[]> {
    const ids = await this.sql.insertMany('conversations', CONVERSATION_INSERT_COLUMNS, list.map((c) => CONVERSATION_INSERT_COLUMNS.map((k) => this.value(c, k))));
    list.forEach((c, i) => {
      c.id = ids[i];
      this.remember(c);
    });
    return ids;
  }

  /**
   * Records that a use case or hook changed the conversation: its changed fields are written at the next flush.
   * This and the other recording methods below answer at once (no promise): ingest calls them for every message.
   */
  updateConversation(c: Conversation): void {
    this.dirty.add(c);
  }

  /** A new message of the conversation, written at the next flush (its id is set then). */
  insertMessage(c: Conversation, m: Omit<Message, 'id' | 'conversationId'>): Message {
    const message = Object.assign(new Message(), m, { id: 0, conversationId: c.id });
    this.pendingMessages.push({ message, conversation: c });
    return message;
  }

  /** The message's outbox row, written at the next flush right after the message. */
  insertOutbox(message: Message, channelId: string, at: Date): void {
    this.pendingOutbox.push({ message, channelId, at: at.getTime() });
  }

  /**
   * Adds our side of the conversation: an outbound message with its outbox entry (sent by the relay), or a note
   * that never leaves the inbox. The caller records the conversation's change afterwards (`updateConversation`).
   */
  addMessage(
    c: Conversation,
    fields: { direction: 'out' | 'note'; body: string; authorId: number | null; automatic: boolean; attachments?: Attachment[]; meta?: Record<string, unknown>; choices?: Choice[] },
    at: Date,
  ): Message {
    const message = this.insertMessage(c, {
      channelId: c.channelId, direction: fields.direction, body: fields.body, bodyHtml: null,
      attachments: fields.attachments?.length ? fields.attachments : null, authorId: fields.authorId, automatic: fields.automatic,
      externalId: null, deliveryStatus: fields.direction === 'out' ? 'queued' : null, error: null, meta: fields.meta ?? null,
      sentAt: null, editedAt: null, originalBody: null, createdAt: at, choices: fields.choices?.length ? fields.choices : null,
    });
    if (fields.direction === 'out') this.insertOutbox(message, c.channelId, at);
    c.lastMessageAt = at;
    c.updatedAt = at;
    return message;
  }

  /** An automatic outbound message (acknowledgement, notice); never an agent's answer. */
  queueAutomatic(c: Conversation, body: string, meta: Record<string, unknown>, at: Date, choices?: Choice[]): Message {
    return this.addMessage(c, { direction: 'out', body, authorId: null, automatic: true, meta, choices }, at);
  }

  /**
   * A row to append at the next flush, after the messages and conversations, in one multi-row statement with the
   * others of its table (on PostgreSQL): for append-only records that nothing in the transaction reads back, so
   * recording them does not break a batch's writes into one flush per message. `onConflict` is e.g.
   * `ON CONFLICT ("factKey") DO NOTHING`.
   */
  appendRow(table: string, columns: readonly string[], row: unknown[], onConflict = ''): void {
    const key = `${table}\u0000${columns.join(',')}\u0000${onConflict}`;
    const pending = this.pendingRows.get(key);
    if (pending) pending.rows.push(row);
    else this.pendingRows.set(key, { table, columns, onConflict, rows: [row] });
  }

  /** Writes the collected messages, outbox rows, conversation changes and appended rows. */
  async flush(): Promise<void> {
    if (this.pendingMessages.length) {
      const pending = this.pendingMessages.splice(0);
      const ids = await this.raw.insertMany('messages', MESSAGE_COLUMNS, pending.map(({ message }) => MESSAGE_COLUMNS.map((k) => messageValue(message, k))));
      pending.forEach(({ message, conversation }, i) => {
        message.id = ids[i];
        // In the order they were added: our message with choices opens an offer, anything but a note closes it.
        if (message.direction === 'note') return;
        conversation.offerMessageId = message.direction === 'out' && message.choices?.length ? message.id : null;
        this.dirty.add(conversation);
      });
    }
    if (this.pendingOutbox.length) {
      const rows = this.pendingOutbox.splice(0).map(({ message, channelId, at }) => [message.id, channelId, 'pending', 0, at, null, at, at]);
      await this.raw.insertMany('outbox', OUTBOX_COLUMNS, rows);
    }
    if (this.dirty.size) {
      const list = [...this.dirty];
      this.dirty.clear();
      await this.writeConversations(list);
    }
    if (this.pendingRows.size) {
      const groups = [...this.pendingRows.values()];
      this.pendingRows.clear();
      for (const { table, columns, onConflict, rows } of groups) await this.raw.appendMany(table, columns, rows, onConflict);
    }
  }

  private get lock(): string {
    return this.raw.postgres ? ' FOR NO KEY UPDATE' : '';
  }

  private loaded(columns: readonly string[], row: unknown[]): Conversation {
    const { decode, fieldIndex } = readerOf(columns);
    const c = new Conversation();
    const fields = c as unknown as Record<string, unknown>;
    for (let i = 0; i < columns.length; i++) fields[columns[i]] = decode[i](row[i]);
    const stored = new Array<unknown>(CONVERSATION_FIELDS.length);
    for (let f = 0; f < CONVERSATION_FIELDS.length; f++) {
      const at = fieldIndex[f];
      stored[f] = at < 0 ? undefined : NORMALISE[CONVERSATION_FIELD_TYPES[CONVERSATION_FIELDS[f]]](row[at]);
    }
    this.stored.set(c, stored);
    return c;
  }

  private remember(c: Conversation): void {
    this.stored.set(c, ENCODE.map((encode) => encode(c)));
  }

  /** Which fields differ from what is stored (a bit per CONVERSATION_FIELDS index) and their encoded values, in field order. */
  private changes(c: Conversation): { mask: number; values: unknown[] } {
    const before = this.stored.get(c);
    const values: unknown[] = [];
    let mask = 0;
    for (let f = 0; f < ENCODE.length; f++) {
      const v = ENCODE[f](c);
      if (before && before[f] === v) continue;
      mask |= 1 << f;
      values.push(v);
    }
    return { mask, values };
  }

  /**
   * One UPDATE per conversation on SQLite (prepared, microseconds each); on PostgreSQL one statement for every
   * conversation that changed the same columns, its values passed as one JSON parameter.
   */
  private async writeConversations(list: Conversation[]): Promise<void> {
    const groups = new Map<number, Array<{ c: Conversation; values: unknown[] }>>();
    for (const c of list) {
      const { mask, values } = this.changes(c);
      if (!mask) continue;
      const group = groups.get(mask);
      if (group) group.push({ c, values });
      else groups.set(mask, [{ c, values }]);
    }
    for (const [mask, rows] of groups) {
      const fields = fieldsOf(mask);
      const columns = fields.map((f) => CONVERSATION_FIELDS[f]);
      if (this.raw.postgres && rows.length > 1) {
        const types = columns.map((k) => `${q(k)} ${CONVERSATION_FIELD_TYPES[k]}`).join(', ');
        const data = rows.map(({ c, values }) => {
          const record: Record<string, unknown> = { id: c.id };
          columns.forEach((k, i) => (record[k] = jsonValue(k, values[i])));
          return record;
        });
        await this.raw.run(
          `UPDATE conversations AS c SET ${columns.map((k) => `${q(k)} = v.${q(k)}`).join(', ')} FROM json_to_recordset(?::json) AS v(id integer, ${types}) WHERE c.id = v.id`,
          [JSON.stringify(data)],
        );
      } else {
        const sql = `UPDATE conversations SET ${columns.map((k) => `${q(k)} = ?`).join(', ')} WHERE id = ?`;
        for (const { c, values } of rows) values.push(c.id);
        await this.raw.runEach(sql, rows.map(({ values }) => values));
      }
      for (const { c, values } of rows) {
        const stored = this.stored.get(c);
        if (stored) fields.forEach((f, i) => (stored[f] = values[i]));
      }
    }
  }

  /** A conversation's column as written: times as epoch milliseconds, JSON as text. */
  private value(c: Conversation, key: string): unknown {
    const f = CONVERSATION_FIELDS.indexOf(key as ConversationField);
    if (f >= 0) return ENCODE[f](c);
    const v = (c as unknown as Record<string, unknown>)[key];
    return TIME_FIELDS.has(key) ? ms(v as Date | null) : v ?? null;
  }
}

function messageValue(m: Message, key: (typeof MESSAGE_COLUMNS)[number]): unknown {
  const v = (m as unknown as Record<string, unknown>)[key];
  if (key === 'attachments' || key === 'meta' || key === 'choices') return v === null || v === undefined ? null : JSON.stringify(v);
  return v instanceof Date ? v.getTime() : v ?? null;
}

/** json_to_recordset reads booleans from JSON booleans; SQLite-style 0/1 never reaches here (PostgreSQL only). */
function jsonValue(key: ConversationField, v: unknown): unknown {
  return CONVERSATION_FIELD_TYPES[key] === 'boolean' && v !== null ? Boolean(v) : v;
}
