import { DataSource } from 'typeorm';
import { ContactIdentity, Conversation, ConversationQueries, IngestService, OutboxService, ReplyService } from '@app/conversations';
import { createPostgresSchema } from './support/postgres';
import { eventually, startTestApp, TestApp } from './support/test-app';

/** The same entities, migrations and queries on the embedded default and on PostgreSQL. */
describe.each(['sqlite', 'postgres'] as const)('repository on %s', (kind) => {
  let t: TestApp;
  let dropSchema: (() => Promise<void>) | null = null;
  let ingest: IngestService;
  let queries: ConversationQueries;
  let db: DataSource;

  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (kind === 'postgres') {
      const schema = await createPostgresSchema();
      databaseUrl = schema.url;
      dropSchema = schema.drop;
    }
    t = await startTestApp({ databaseUrl });
    ingest = t.app.get(IngestService);
    queries = t.app.get(ConversationQueries);
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.destroy();
    await dropSchema?.();
  });

  const message = (visitor: string, id: string, text = 'hi') => ({
    channelId: 'webchat', externalId: `${visitor}:${id}`, sender: { externalId: visitor, name: visitor }, text,
  });

  it('runs the migrations on start', async () => {
    expect(db.options.type).toBe(kind === 'sqlite' ? 'better-sqlite3' : 'postgres');
    const applied = await db.query(`SELECT name FROM migrations`);
    expect(applied.map((r: { name: string }) => r.name)).toEqual(['InitialSchema1764000000000', 'ChannelCursors1764000000001', 'SlaEventsAndPolicyChanges1764000000002', 'ConversationIdentityIndex1764000000003', 'DropApiTokenLastUsed1764000000600']);
  });

  it('deduplicates by the channel id of the message, also when the same message races in twice', async () => {
    const [a, b] = await Promise.all([ingest.ingest(message('visitor-race-1', 'x')), ingest.ingest(message('visitor-race-1', 'x'))]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(a.messageId).toBe(b.messageId);
    const c = await ingest.ingest(message('visitor-race-1', 'x'));
    expect(c).toMatchObject({ duplicate: true, messageId: a.messageId });
    expect(await db.getRepository(ContactIdentity).countBy({ externalId: 'visitor-race-1' })).toBe(1);
  });

  it('keeps one identity per channel and external id at the database level', async () => {
    await ingest.ingest(message('visitor-uniq-1', '1'));
    const identity = await db.getRepository(ContactIdentity).findOneByOrFail({ externalId: 'visitor-uniq-1' });
    await expect(db.getRepository(ContactIdentity).insert({ ...identity, id: undefined })).rejects.toThrow();
  });

  it('lists most urgent first (earliest deadline, then the longest wait) and pages without gaps or repeats', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push((await ingest.ingest(message(`visitor-order-${i}`, '1', `order ${i}`))).conversationId);
    const repo = db.getRepository(Conversation);
    const base = Date.UTC(2030, 0, 1);
    // Deadlines for four of them (two share one), none for the other three.
    await repo.update(ids[0], { dueAt: new Date(base + 3000) });
    await repo.update(ids[1], { dueAt: new Date(base + 1000), waitingSince: new Date(base - 5000) });
    await repo.update(ids[2], { dueAt: new Date(base + 1000), waitingSince: new Date(base - 9000) });
    await repo.update(ids[3], { dueAt: new Date(base + 2000) });
    await repo.update(ids[4], { dueAt: null, waitingSince: new Date(base - 1000) });
    await repo.update(ids[5], { dueAt: null, waitingSince: new Date(base - 3000) });
    await repo.update(ids[6], { dueAt: null, waitingSince: new Date(base - 2000) });
    const expected = [ids[2], ids[1], ids[3], ids[0], ids[5], ids[6], ids[4]];

    const whole = await queries.list({ limit: 50, q: 'order' });
    expect(whole.items.map((c) => c.id)).toEqual(expected);

    const walked: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await queries.list({ limit: 2, q: 'order', cursor });
      walked.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(walked).toEqual(expected);

    const breaching = await queries.list({ limit: 50, breaching: true, q: 'order' });
    expect(breaching.items).toHaveLength(0);
    await repo.update(ids[3], { slaState: 'breached', dueAt: new Date(Date.now() - 1000) });
    await repo.update(ids.slice(0, 3), { slaState: 'ok' });
    expect((await queries.list({ limit: 50, breaching: true })).items.map((c) => c.id)).toEqual([ids[3]]);
  });

  it('moves delivery status forward only, whatever order receipts arrive in', async () => {
    const { conversationId } = await ingest.ingest(message('visitor-receipt', '1'));
    const reply = await t.app.get(ReplyService).reply(conversationId, null, 'answer', 'reply');
    const outbox = t.app.get(OutboxService);
    await eventually(async () => expect((await queries.messages(conversationId)).find((m) => m.id === reply.id)?.deliveryStatus).not.toBe('queued'));
    const externalId = `out-${reply.id}`;
    await outbox.applyReceipt('webchat', externalId, 'read');
    await outbox.applyReceipt('webchat', externalId, 'delivered');
    await outbox.applyReceipt('webchat', externalId, 'failed', 'late failure');
    const stored = (await queries.messages(conversationId)).find((m) => m.id === reply.id);
    expect(stored).toMatchObject({ deliveryStatus: 'read', error: null });
  });

  it('keeps a receipt that overtakes the send and applies it when the send is recorded', async () => {
    // An API-only server of its own (no relay racing the test for the outbox entry).
    const schema = kind === 'postgres' ? await createPostgresSchema() : null;
    const api = await startTestApp({ databaseUrl: schema?.url, env: { INBOX_ROLE: 'api' } });
    try {
      const apiIngest = api.app.get(IngestService);
      const { conversationId } = await apiIngest.ingest(message('visitor-early-1', '1'));
      const reply = await api.app.get(ReplyService).reply(conversationId, null, 'answer', 'reply');
      const outbox = api.app.get(OutboxService);
      const [job] = await outbox.claimDue(10);
      expect(job.message.id).toBe(reply.id);
      // The channel says "delivered" for the id its send will return, before the send call itself returns.
      expect(await outbox.applyReceipt('webchat', 'peer-early-1', 'delivered')).toBe(false);
      await outbox.markSent(job, { externalId: 'peer-early-1', status: 'sent' });
      const stored = (await api.app.get(ConversationQueries).messages(conversationId)).find((m) => m.id === reply.id);
      expect(stored).toMatchObject({ deliveryStatus: 'delivered', error: null });
    } finally {
      await api.destroy();
      await schema?.drop();
    }
  });

  it('searches Cyrillic text regardless of case', async () => {
    const { conversationId } = await ingest.ingest(message('visitor-cyr-01', '1', 'Не ПРИХОДИТ код подтверждения'));
    expect((await queries.list({ limit: 10, q: 'приходит' })).items.map((c) => c.id)).toEqual([conversationId]);
  });
});
