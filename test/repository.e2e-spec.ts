import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ContactIdentity, Conversation, ConversationActions, ConversationQueries, IngestService, OutboxEntry, OutboxService, ReplyService } from '@app/conversations';
import { migrations } from '@app/platform/database/migrations';
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
    // Every migration of the index, in its order (the list grows with each change of the schema).
    expect(applied.map((r: { name: string }) => r.name)).toEqual(migrations.map((m) => m.name));
    expect(applied.map((r: { name: string }) => r.name).slice(0, 2)).toEqual(['InitialSchema1764000000000', 'ChannelCursors1764000000001']);
  });

  it('deduplicates by the channel id of the message, also when the same message races in twice', async () => {
    const [a, b] = await Promise.all([ingest.ingest(message('visitor-race-1', 'x')), ingest.ingest(message('visitor-race-1', 'x'))]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(a.messageId).toBe(b.messageId);
    const c = await ingest.ingest(message('visitor-race-1', 'x'));
    expect(c).toMatchObject({ duplicate: true, messageId: a.messageId });
    expect(await db.getRepository(ContactIdentity).countBy({ externalId: 'visitor-race-1' })).toBe(1);
  });

  it('stores a batch that arrives together as one: a new sender gets one conversation, a repeat in the batch is a duplicate', async () => {
    const batch = [
      message('visitor-batch-a', '1', 'first'), message('visitor-batch-b', '1', 'other'), message('visitor-batch-a', '2', 'second'),
      message('visitor-batch-a', '1', 'first'), message('visitor-batch-a', '3', 'third'),
    ];
    const results = await Promise.all(batch.map((m) => ingest.ingest(m)));
    expect(results.map((r) => r.duplicate)).toEqual([false, false, false, true, false]);
    expect(results.map((r) => r.createdConversation)).toEqual([true, true, false, false, false]);
    expect(results[3].messageId).toBe(results[0].messageId);
    const a = results[0].conversationId;
    expect([results[2].conversationId, results[3].conversationId, results[4].conversationId]).toEqual([a, a, a]);
    expect(results[1].conversationId).not.toBe(a);
    // Stored in the order they arrived, and the conversation shows the last one.
    expect(results[0].messageId).toBeLessThan(results[2].messageId);
    expect(results[2].messageId).toBeLessThan(results[4].messageId);
    const conversation = await db.getRepository(Conversation).findOneByOrFail({ id: a });
    expect(conversation).toMatchObject({ lastMessagePreview: 'third', awaitingReply: true, status: 'open' });
    const bodies = await db.query(`SELECT body FROM messages WHERE "conversationId" = ${a} ORDER BY id`);
    expect(bodies.map((r: { body: string }) => r.body)).toEqual(['first', 'second', 'third']);
  });

  it('stores many senders writing at once (two lanes on PostgreSQL): each message once, each sender in order, one conversation each', async () => {
    const senders = Array.from({ length: 40 }, (_, i) => `visitor-many-${i}`);
    const sent = senders.flatMap((visitor) => Array.from({ length: 6 }, (_, n) => message(visitor, String(n), `${visitor} #${n}`)));
    // Interleaved as a busy channel delivers them, with a redelivery of every third message.
    const arrivals = sent.map((_, i) => sent[(i * 37) % sent.length]).flatMap((m, i) => (i % 3 ? [m] : [m, m]));
    const bySender = new Map<string, string[]>();
    for (const m of arrivals) bySender.set(m.sender.externalId, [...(bySender.get(m.sender.externalId) ?? []), m.text]);
    const results = await Promise.all(arrivals.map((m) => ingest.ingest(m)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(sent.length);
    const rows: Array<{ body: string; conversationId: number; visitor: string }> = await db.query(
      `SELECT m.body, m."conversationId", i."externalId" AS visitor FROM messages m
         JOIN conversations c ON c.id = m."conversationId" JOIN contact_identities i ON i.id = c."identityId"
        WHERE i."externalId" LIKE 'visitor-many-%' AND m.direction = 'in' ORDER BY m.id`);
    expect(rows).toHaveLength(sent.length);
    for (const visitor of senders) {
      const own = rows.filter((r) => r.visitor === visitor);
      expect(new Set(own.map((r) => Number(r.conversationId))).size).toBe(1);
      // Stored in the order they arrived (first arrival of each).
      expect(own.map((r) => r.body)).toEqual([...new Set(bySender.get(visitor))]);
    }
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

  it('claims an outbox row by id once, and records the outcome only while holding the claim', async () => {
    const schema = kind === 'postgres' ? await createPostgresSchema() : null;
    const api = await startTestApp({ databaseUrl: schema?.url, env: { INBOX_ROLE: 'api' } });
    try {
      const { conversationId } = await api.app.get(IngestService).ingest(message('visitor-claim-1', '1'));
      const reply = await api.app.get(ReplyService).reply(conversationId, null, 'answer', 'reply');
      const outbox = api.app.get(OutboxService);
      const entry = await api.app.get(DataSource).getRepository(OutboxEntry).findOneByOrFail({ messageId: reply.id });
      const claims = await Promise.all([outbox.claimById(entry.id), outbox.claimById(entry.id), outbox.claimDue(10)]);
      const jobs = [claims[0], claims[1], ...claims[2]].filter((j) => j !== null);
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.message.id).toBe(reply.id);
      // Another process took the row over (this one's lease ran out): this process's outcome is not recorded.
      await api.app.get(DataSource).getRepository(OutboxEntry).update(entry.id, { claimedBy: 'other-host:1:cafe' });
      expect(await outbox.markSent(jobs[0]!, { externalId: 'peer-claim-1' })).toBe(false);
      expect(await api.app.get(DataSource).getRepository(OutboxEntry).findOneByOrFail({ id: entry.id })).toMatchObject({ status: 'sending', attempts: 0 });
      expect((await api.app.get(ConversationQueries).messages(conversationId)).find((m) => m.id === reply.id)).toMatchObject({ deliveryStatus: 'queued' });
    } finally {
      await api.destroy();
      await schema?.drop();
    }
  });

  (kind === 'postgres' ? it : it.skip)('loses neither change when a customer message and a status change race on one conversation', async () => {
    const { conversationId } = await ingest.ingest(message('visitor-lock-1', '1', 'my parcel is late'));
    // A third connection holds the row, so both changes are under way at once before either may finish.
    const { url, schema } = db.options as { url: string; schema: string };
    const holder = new Client({ connectionString: url, options: `-c search_path=${schema}` });
    await holder.connect();
    try {
      const [{ pid: holderPid }] = (await holder.query('SELECT pg_backend_pid() AS pid')).rows;
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
      const resolving = t.app.get(ConversationActions).setStatus(conversationId, 'resolved');
      await eventually(async () => expect(await waitingBehind(holder, holderPid)).toBe(1));
      const inbound = ingest.ingest(message('visitor-lock-1', '2', 'any news?'));
      await eventually(async () => expect(await waitingBehind(holder, holderPid)).toBe(2));
      await holder.query('COMMIT');
      const [, stored] = await Promise.all([resolving, inbound]);

      // Resolved first, so the customer's new message is in an open conversation awaiting an answer (not buried in a resolved one).
      const landed = await db.getRepository(Conversation).findOneByOrFail({ id: stored.conversationId });
      expect(landed).toMatchObject({ status: 'open', awaitingReply: true, lastMessagePreview: 'any news?' });
      expect((await db.getRepository(Conversation).findOneByOrFail({ id: conversationId })).status).toBe('resolved');
    } finally {
      await holder.end();
    }
  });

  it('searches Cyrillic text regardless of case', async () => {
    const { conversationId } = await ingest.ingest(message('visitor-cyr-01', '1', 'Не ПРИХОДИТ код подтверждения'));
    expect((await queries.list({ limit: 10, q: 'приходит' })).items.map((c) => c.id)).toEqual([conversationId]);
  });
});

/** How many connections wait, directly or in a queue, on the locks `holderPid` holds. */
async function waitingBehind(client: Client, holderPid: number): Promise<number> {
  // Inside a transaction pg_stat_activity is a snapshot taken at its first read: a connection opened since would be missed.
  await client.query('SELECT pg_stat_clear_snapshot()');
  const rows: Array<{ pid: number; blockers: number[] }> = (await client.query('SELECT pid, pg_blocking_pids(pid) AS blockers FROM pg_stat_activity')).rows;
  const behind = new Set<number>([holderPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) {
      if (!behind.has(r.pid) && r.blockers.some((b) => behind.has(b))) {
        behind.add(r.pid);
        grew = true;
      }
    }
  }
  return behind.size - 1;
}
