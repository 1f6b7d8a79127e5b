import request from 'supertest';
import { ConversationHooks } from '@app/conversations';
import { Dovecot, rawMail } from './support/dovecot';
import { customer, FakeBotApi, messageUpdate } from './support/fake-bot-api';
import { createPostgresSchema } from './support/postgres';
import { SmtpSink } from './support/smtp-sink';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TG_TOKEN = '555555:AAH-quarantine_bot';
const TG_SECRET = 'wh-secret_quarantine_0123';
const MAX_ATTEMPTS = 3;

interface StoredMessage { id: number; body: string; direction: string; conversationId: number }
interface QuarantineView { id: number; channelId: string; externalId: string; status: string; attempts: number; error: string; rawFormat: string; raw: string | null; messageId: number | null }

function configYaml(imap: Dovecot, user: string, smtp: SmtpSink, botApi: string): string {
  return `
channels:
  - id: support
    type: email
    name: Support
    address: support@acme.test
    imap: { host: 127.0.0.1, port: ${imap.port}, secure: false, user: ${user}, password: secret-pass }
    smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: false }
  - id: tg-hook
    type: telegram
    token: "${TG_TOKEN}"
    mode: webhook
    webhookSecret: ${TG_SECRET}
    apiRoot: ${botApi}
  - id: webchat
    type: webchat
    name: Web chat
inbound: { maxAttempts: ${MAX_ATTEMPTS} }
outbox: { retryBaseMs: 50, retryMaxMs: 200, pollMs: 50 }
`;
}

const databases: Array<[string, () => Promise<{ url?: string; drop: () => Promise<void> }>]> = [
  ['SQLite', async () => ({ url: undefined, drop: async () => undefined })],
  ['PostgreSQL', createPostgresSchema],
];

describe.each(databases)('inbound hardening on %s: one text rule, poison messages set aside (real Dovecot, Telegram webhook, web chat)', (dbName, makeDatabase) => {
  let imap: Dovecot;
  let smtp: SmtpSink;
  let botApi: FakeBotApi;
  let db: { url?: string; drop: () => Promise<void> };
  let t: TestApp;
  /** While true, storing any message whose text contains POISON fails, as a broken extension would. */
  let poisoned = true;
  const user = `support-${dbName.toLowerCase()}`;

  beforeAll(async () => {
    [imap, smtp, botApi, db] = await Promise.all([
      Dovecot.start({ users: [{ user, password: 'secret-pass' }] }), SmtpSink.start(), FakeBotApi.start(), makeDatabase(),
    ]);
    botApi.addBot(TG_TOKEN);
    t = await start();
  }, 300_000);
  afterAll(async () => {
    await t?.destroy();
    await Promise.all([imap?.destroy(), smtp?.close(), botApi?.close(), db?.drop()]);
  });

  /** The server on this database (again, after a restart, with `dir`), with the test's failing extension registered. */
  const start = async (dir?: string): Promise<TestApp> => {
    const app = await startTestApp({ configYaml: configYaml(imap, user, smtp, botApi.url), databaseUrl: db.url, dir });
    app.app.get(ConversationHooks).register({
      reactsTo: ['inbound'],
      onChange: async (_conversation, change) => {
        if (poisoned && change.kind === 'inbound' && change.message.body.includes('POISON')) throw new Error('the test hook refuses POISON');
      },
    });
    return app;
  };
  const inbound = async (channel: string): Promise<StoredMessage[]> => {
    const list = (await request(t.url).get('/api/conversations').query({ channel, status: 'open,pending,snoozed,resolved' }).set(auth).expect(200)).body.items as Array<{ id: number }>;
    const all: StoredMessage[] = [];
    for (const c of list) all.push(...(await request(t.url).get(`/api/conversations/${c.id}/messages`).set(auth).expect(200)).body.items);
    return all.filter((m) => m.direction === 'in').sort((a, b) => a.id - b.id);
  };
  const bodies = async (channel: string) => (await inbound(channel)).map((m) => m.body);
  const quarantined = async (channel: string, status = 'quarantined'): Promise<QuarantineView[]> =>
    (await request(t.url).get('/api/quarantine').query({ channel, status }).set(auth).expect(200)).body.items;
  const metric = async (line: RegExp): Promise<number> => {
    const text = (await request(t.url).get('/metrics').expect(200)).text;
    const found = text.split('\n').find((l) => line.test(l));
    return found ? Number(found.split(' ').pop()) : 0;
  };
  const mail = (id: string, subject: string, body: string, extra: Record<string, string> = {}) => rawMail({
    From: 'Anna <anna@customer.test>', To: 'support@acme.test', Subject: subject, 'Message-ID': `<${id}@customer.test>`, Date: new Date().toUTCString(), ...extra,
  }, body);

  it('stores a mail whose quoted-printable body and encoded subject decode to U+0000 without it, and the next mail after it', async () => {
    await imap.append(mail('nul-1', '=?UTF-8?Q?Order=00_42?=', 'x=00y', { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Transfer-Encoding': 'quoted-printable' }));
    await imap.append(mail('nul-2', 'Normal', 'a normal mail'));
    await eventually(async () => expect(await bodies('support')).toEqual(['xy', 'a normal mail']), 15_000);
    const [first] = await inbound('support');
    const conversation = (await request(t.url).get(`/api/conversations/${first.conversationId}`).set(auth).expect(200)).body;
    expect(conversation.subject).toBe('Order 42');
    expect(await quarantined('support', 'failing')).toEqual([]);
  }, 30_000);

  it('stores a mail whose subject, sender name and Message-ID are longer than their columns, cut to fit', async () => {
    const longId = `long-${'i'.repeat(300)}`;
    await imap.append(rawMail({
      From: `"${'Long Name '.repeat(40)}" <long@customer.test>`, To: 'support@acme.test', Subject: 'S'.repeat(700),
      'Message-ID': `<${longId}@customer.test>`, Date: new Date().toUTCString(),
    }, 'long headers'));
    const stored = await eventually(async () => {
      const found = (await inbound('support')).find((m) => m.body === 'long headers');
      expect(found).toBeDefined();
      return found!;
    }, 15_000);
    const conversation = (await request(t.url).get(`/api/conversations/${stored.conversationId}`).set(auth).expect(200)).body;
    expect(conversation.subject).toBe(`${'S'.repeat(499)}…`);
    expect(conversation.contact.name).toHaveLength(300);
    expect(await quarantined('support')).toEqual([]);
  }, 30_000);

  it('sets aside a mail that fails to store every time after the configured attempts, and reads on; ops list, retry and discard it', async () => {
    const before = await bodies('support');
    await imap.append(mail('poison-1', 'Broken', 'POISON pill'));
    await imap.append(mail('after-poison', 'Fine', 'the mail after the poison'));
    await eventually(async () => expect(await bodies('support')).toEqual([...before, 'the mail after the poison']), 25_000, 200);

    const [entry] = await quarantined('support');
    expect(entry).toMatchObject({ externalId: 'poison-1@customer.test', status: 'quarantined', attempts: MAX_ATTEMPTS, rawFormat: 'message' });
    expect(entry.error).toContain('the test hook refuses POISON');
    expect(JSON.parse(entry.raw!)).toMatchObject({ externalId: 'poison-1@customer.test', text: 'POISON pill', subject: 'Broken' });
    expect(await metric(/^inbox_quarantined_messages_total\{channel="support"\}/)).toBe(1);
    expect(await metric(/^inbox_quarantine_waiting\{channel="support"\}/)).toBe(1);

    // Only ops see and handle the quarantine.
    const agent = (await request(t.url).post('/api/agents').set(auth).send({ name: 'Агент', email: `agent-${dbName}@example.com`, role: 'agent' }).expect(201)).body;
    const asAgent = { Authorization: `Bearer ${agent.token}` };
    await request(t.url).get('/api/quarantine').set(asAgent).expect(403);
    await request(t.url).post(`/api/quarantine/${entry.id}/retry`).set(asAgent).expect(403);
    await request(t.url).post(`/api/quarantine/${entry.id}/discard`).set(asAgent).expect(403);

    // A retry while the cause persists says so and keeps the item.
    const refused = await request(t.url).post(`/api/quarantine/${entry.id}/retry`).set(auth).expect(409);
    expect(refused.body.message).toContain('the test hook refuses POISON');
    expect((await quarantined('support')).map((q) => q.id)).toEqual([entry.id]);

    poisoned = false;
    const retried = (await request(t.url).post(`/api/quarantine/${entry.id}/retry`).set(auth).expect(200)).body as QuarantineView;
    expect(retried).toMatchObject({ status: 'retried', messageId: expect.any(Number) });
    expect(await bodies('support')).toEqual([...before, 'the mail after the poison', 'POISON pill']);
    expect(await quarantined('support')).toEqual([]);
    expect(await metric(/^inbox_quarantine_waiting\{channel="support"\}/)).toBe(0);
    await request(t.url).post(`/api/quarantine/${entry.id}/retry`).set(auth).expect(409);

    poisoned = true;
    await imap.append(mail('poison-2', 'Broken again', 'POISON again'));
    const second = await eventually(async () => {
      const [q] = await quarantined('support');
      expect(q?.externalId).toBe('poison-2@customer.test');
      return q;
    }, 25_000, 200);
    const discarded = (await request(t.url).post(`/api/quarantine/${second.id}/discard`).set(auth).expect(200)).body as QuarantineView;
    expect(discarded).toMatchObject({ status: 'discarded', raw: null });
    expect(await quarantined('support')).toEqual([]);
    expect((await quarantined('support', 'discarded')).map((q) => q.externalId)).toEqual(['poison-2@customer.test']);
    expect(await metric(/^inbox_quarantined_messages_total\{channel="support"\}/)).toBe(2);
    expect(await bodies('support')).not.toContain('POISON again');
    await imap.append(mail('after-discard', 'Fine', 'read on after the discard'));
    await eventually(async () => expect((await bodies('support')).pop()).toBe('read on after the discard'), 15_000);
    poisoned = false;
  }, 90_000);

  describe('Telegram webhook', () => {
    const post = (update: object) => request(t.url).post('/webhooks/telegram/tg-hook')
      .set('Content-Type', 'application/json').set('X-Telegram-Bot-Api-Secret-Token', TG_SECRET).send(JSON.stringify(update));
    const anna = customer(4242);

    it('answers 200 to updates it cannot read ("chat": null, "text": {}) and sets them aside at once; a normal update after them is stored', async () => {
      const noChat = { update_id: 100, message: { ...messageUpdate(anna, 1, { text: 'hi' }).message, chat: null } };
      await post(noChat).expect(200);
      await post(noChat).expect(200); // Telegram's redelivery is kept once
      await post({ update_id: 101, ...messageUpdate(anna, 2, { text: {} }) }).expect(200);
      await post({ update_id: 102, ...messageUpdate(anna, 3, { text: 'Нормальное сообщение' }) }).expect(200);

      expect(await bodies('tg-hook')).toEqual(['Нормальное сообщение']);
      const items = await quarantined('tg-hook');
      expect(items.map((q) => [q.externalId, q.rawFormat, q.attempts])).toEqual([['update:101', 'text', 1], ['update:100', 'text', 1]]);
      expect(items[1].error).toContain('message.chat');
      expect(items[0].error).toContain('message.text is not a string');
      expect(JSON.parse(items[1].raw!)).toEqual(noChat);
      await request(t.url).post(`/api/quarantine/${items[1].id}/retry`).set(auth).expect(409);
      expect(await metric(/^inbox_quarantine_waiting\{channel="tg-hook"\}/)).toBe(2);
    });

    it('answers 500 while an update fails to store (Telegram delivers it again), then 200 once it is set aside', async () => {
      poisoned = true;
      const update = { update_id: 103, ...messageUpdate(anna, 4, { text: 'POISON over webhook' }) };
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) await post(update).expect(500);
      expect((await quarantined('tg-hook', 'failing')).map((q) => [q.externalId, q.attempts])).toEqual([['4242:4', MAX_ATTEMPTS - 1]]);
      await post(update).expect(200);
      expect((await quarantined('tg-hook')).map((q) => q.externalId)).toContain('4242:4');
      await post(update).expect(200); // a later redelivery is not tried again
      poisoned = false;
      await post({ update_id: 104, ...messageUpdate(anna, 5, { text: 'после' }) }).expect(200);
      expect(await bodies('tg-hook')).toEqual(['Нормальное сообщение', 'после']);
    });

    it('keeps counting the failures of an update across a restart (the count is in the database)', async () => {
      poisoned = true;
      const update = { update_id: 105, ...messageUpdate(anna, 6, { text: 'POISON across a restart' }) };
      await post(update).expect(500);
      await t.close();
      t = await start(t.dir);
      for (let attempt = 2; attempt < MAX_ATTEMPTS; attempt++) await post(update).expect(500);
      await post(update).expect(200);
      poisoned = false;
      expect((await quarantined('tg-hook')).find((q) => q.externalId === '4242:6')).toMatchObject({ attempts: MAX_ATTEMPTS, status: 'quarantined' });
    }, 60_000);
  });

  describe('web chat', () => {
    it('stores NUL in text, name and clientMessageId cleaned, with a 2xx', async () => {
      const visitorId = `visitor-${dbName}-nul`;
      await (await visitor(t.url, visitorId))
        .send({ name: 'Ma\u0000ria \u202Eexe.gnp', text: ' hel\u0000lo ', clientMessageId: 'c\u00001' }).expect(201);
      const history = (await (await visitor(t.url, visitorId)).history().expect(200)).body.items;
      expect(history).toMatchObject([{ direction: 'in', text: 'hello', clientMessageId: 'c1' }]);
      const [conversation] = (await request(t.url).get('/api/conversations').query({ channel: 'webchat' }).set(auth).expect(200)).body.items;
      expect(conversation.contact.name).toBe('Maria exe.gnp');
    });

    it('answers 500 while a message fails to store (the page sends it again), then 202 once it is set aside', async () => {
      poisoned = true;
      const message = { text: 'POISON in the chat', clientMessageId: 'p-1' };
      const poisoner = await visitor(t.url, `visitor-${dbName}-poison`);
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) await poisoner.send(message).expect(500);
      expect((await poisoner.send(message).expect(202)).body).toEqual({ quarantined: true });
      poisoned = false;
      const [entry] = await quarantined('webchat');
      expect(entry).toMatchObject({ externalId: expect.stringMatching(/^v-[\w-]{12}:p-1$/), attempts: MAX_ATTEMPTS, rawFormat: 'message' });
      await request(t.url).post(`/api/quarantine/${entry.id}/retry`).set(auth).expect(200);
      const history = (await poisoner.history().expect(200)).body.items;
      expect(history.filter((m: { direction: string }) => m.direction === 'in')).toMatchObject([{ text: 'POISON in the chat', clientMessageId: 'p-1' }]);
    });

    it('refuses whitespace-only text with 400 naming text', async () => {
      const res = await (await visitor(t.url, `visitor-${dbName}-blank`))
        .send({ text: ' \n\t\u0000 ', clientMessageId: 'blank-1' }).expect(400);
      expect(res.body.fields).toEqual(['text']);
      expect(res.body.message.join(' ')).toContain('text');
    });
  });
});
