import { DataSource } from 'typeorm';
import { migrations } from '@app/platform/database/migrations';
import { BetterSqliteDatabase, SqliteRunner } from '@app/platform/database/sql-runner';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { ConversationTx } from './conversation-tx';
import { Conversation } from './entities';

/** The conversation model's writes on a real (in-memory) SQLite with the app's schema: what each flush writes. */
describe('ConversationTx', () => {
  let dataSource: DataSource;
  let uow: UnitOfWork;
  let updates: Array<{ sql: string; params: unknown[] }>;
  let id: number;

  beforeEach(async () => {
    dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', migrations });
    await dataSource.initialize();
    await dataSource.runMigrations();
    const db = (dataSource.driver as unknown as { databaseConnection: BetterSqliteDatabase }).databaseConnection;
    const at = Date.UTC(2026, 10, 30, 9);
    db.prepare(`INSERT INTO channels (id, type, name, "createdAt") VALUES ('webchat', 'webchat', 'Web chat', ?)`).run(at);
    db.prepare(`INSERT INTO contacts (name, "createdAt") VALUES ('Анна', ?)`).run(at);
    db.prepare(`INSERT INTO contact_identities ("contactId", "channelId", "externalId", "createdAt") VALUES (1, 'webchat', 'v1', ?)`).run(at);
    id = Number(db.prepare(`INSERT INTO conversations ("channelId", "contactId", "identityId", status, "lastMessageAt", "awaitingReply", "waitingSince", "slaState", "slaClock", "createdAt", "updatedAt")
      VALUES ('webchat', 1, 1, 'open', ?, 1, ?, 'ok', '{"status":"open","pausedWaitingMs":0}', ?, ?)`).run(at, at, at, at).lastInsertRowid);
    uow = new UnitOfWork(dataSource);
    updates = [];
    const runEach = SqliteRunner.prototype.runEach;
    jest.spyOn(SqliteRunner.prototype, 'runEach').mockImplementation(function (this: SqliteRunner, sql: string, paramLists: unknown[][]) {
      if (sql.startsWith('UPDATE conversations')) updates.push(...paramLists.map((params) => ({ sql, params: [...params] })));
      return runEach.call(this, sql, paramLists);
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await dataSource.destroy();
  });

  const change = (fn: (c: Conversation) => void) =>
    ConversationTx.within(uow, async (tx) => {
      const c = (await tx.conversation('id = ?', [id]))!;
      fn(c);
      await tx.updateConversation(c);
      return c;
    });

  it('reads the row as the entity the hooks work on: times as dates, booleans as booleans, JSON parsed', async () => {
    const c = await change(() => undefined);
    expect(c.lastMessageAt).toEqual(new Date(Date.UTC(2026, 10, 30, 9)));
    expect(c.awaitingReply).toBe(true);
    expect(c.heldByBot).toBe(false);
    expect(c.slaClock).toEqual({ status: 'open', pausedWaitingMs: 0 });
    expect([c.id, c.contactId, c.assigneeId, c.dueAt]).toEqual([id, 1, null, null]);
  });

  it('writes nothing for a conversation read and saved unchanged, nor for a value set to what is stored', async () => {
    await change((c) => {
      c.awaitingReply = true; // stored as 1 by SQLite: the same value
      c.lastMessageAt = new Date(c.lastMessageAt.getTime());
      c.slaClock = { status: 'open', pausedWaitingMs: 0 };
    });
    expect(updates).toEqual([]);
  });

  it('writes only the fields that changed, and a second change in the same transaction writes only what changed since', async () => {
    const due = new Date(Date.UTC(2026, 10, 30, 10));
    await ConversationTx.within(uow, async (tx) => {
      const c = (await tx.conversation('id = ?', [id]))!;
      c.awaitingReply = false;
      c.dueAt = due;
      await tx.updateConversation(c);
      await tx.flush();
      c.lastMessagePreview = 'Где мой заказ?';
      // The clock is read frozen (its stored text is kept by the object): a change replaces it.
      expect(() => ((c.slaClock as Record<string, unknown>).pausedWaitingMs = 5)).toThrow(TypeError);
      c.slaClock = { ...c.slaClock, pausedWaitingMs: 5 };
      await tx.updateConversation(c);
    });
    expect(updates).toEqual([
      { sql: 'UPDATE conversations SET "awaitingReply" = ?, "dueAt" = ? WHERE id = ?', params: [false, due.getTime(), id] },
      { sql: 'UPDATE conversations SET "lastMessagePreview" = ?, "slaClock" = ? WHERE id = ?', params: ['Где мой заказ?', '{"status":"open","pausedWaitingMs":5}', id] },
    ]);
    const c = await change(() => undefined);
    expect([c.awaitingReply, c.dueAt, c.lastMessagePreview, c.slaClock]).toEqual([false, due, 'Где мой заказ?', { status: 'open', pausedWaitingMs: 5 }]);
  });

  it('keeps the open offer: our message with choices opens it, a note leaves it, any other message closes it, in order', async () => {
    const at = new Date(Date.UTC(2026, 10, 30, 10));
    const choices = [{ id: 'yes', label: 'Да' }, { id: 'no', label: 'Нет' }];
    const add = (fn: (tx: ConversationTx, c: Conversation) => unknown) =>
      ConversationTx.within(uow, async (tx) => {
        const c = (await tx.conversation('id = ?', [id]))!;
        const result = await fn(tx, c);
        await tx.updateConversation(c);
        return result;
      });
    const offer = await add(async (tx, c) => {
      const asked = await tx.queueAutomatic(c, 'Вопрос решён?', {}, at, choices);
      await tx.addMessage(c, { direction: 'note', body: 'ждём ответа', authorId: null, automatic: false }, at);
      return asked;
    });
    expect((await change(() => undefined)).offerMessageId).toBe((offer as { id: number }).id);
    // Written in one flush: the later message without choices closes the offer made before it.
    await add(async (tx, c) => {
      await tx.queueAutomatic(c, 'Ещё вопрос?', {}, at, choices);
      await tx.addMessage(c, { direction: 'out', body: 'Отвечу чуть позже', authorId: null, automatic: false }, at);
    });
    expect((await change(() => undefined)).offerMessageId).toBeNull();
    const again = await add((tx, c) => tx.queueAutomatic(c, 'Вопрос решён?', {}, at, choices));
    expect((await change(() => undefined)).offerMessageId).toBe((again as { id: number }).id);
    await add((tx, c) => tx.insertMessage(c, {
      channelId: 'webchat', direction: 'in', body: 'А ещё вопрос', bodyHtml: null, attachments: null, authorId: null, automatic: false, externalId: 'm1',
      deliveryStatus: null, error: null, meta: null, sentAt: null, editedAt: null, originalBody: null, createdAt: at,
    }));
    expect((await change(() => undefined)).offerMessageId).toBeNull();
  });

  it('keeps heldByBot following the bot JSON whoever changes it', async () => {
    await change((c) => (c.bot = { state: 'answering' }));
    expect(updates[0].sql).toBe('UPDATE conversations SET "bot" = ?, "heldByBot" = ? WHERE id = ?');
    expect((await change(() => undefined)).heldByBot).toBe(true);
    await change((c) => (c.bot = { state: 'handed_over' }));
    expect((await change(() => undefined)).heldByBot).toBe(false);
  });
});
