import request from 'supertest';
import { hubSignature } from '@app/channels/whatsapp';
import { Dovecot, rawMail } from './support/dovecot';
import { customer, FakeBot, FakeBotApi, messageUpdate } from './support/fake-bot-api';
import { FakeGraphApi } from './support/fake-graph-api';
import { createPostgresSchema } from './support/postgres';
import { SmtpSink } from './support/smtp-sink';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';
import { visitor as webchatVisitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const BOT_TOKEN = '444444:AAH-lead_tools_bot';
const PHONE_NUMBER_ID = '1234567890';
const APP_SECRET = 'test-app-secret';
const WA_CUSTOMER = '4915112345678';
const HOUR = 3_600_000;
const BLOCKED = 'Forbidden: bot was blocked by the user';

interface Delivery { conversationId: number; channelId: string; status: string; reason: string | null }
interface Outcome { total: number; reached: number; unreachable: Delivery[]; deliveries: Delivery[] }
interface Conversation { id: number; status: string; channel: { id: string }; contact: { name: string } }

function configYaml(bot: FakeBotApi, imap: Dovecot, smtp: SmtpSink, graph: FakeGraphApi): string {
  return `
channels:
  - id: tg
    type: telegram
    token: "${BOT_TOKEN}"
    apiRoot: ${bot.url}
    pollTimeoutSeconds: 1
  - id: mail
    type: email
    name: ACME Support
    address: support@acme.test
    imap: { host: 127.0.0.1, port: ${imap.port}, secure: false, user: support, password: secret-pass }
    smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: false }
  - id: webchat
    type: webchat
    name: Web chat
  - id: wa
    type: whatsapp
    name: WhatsApp Business
    connection: cloud
    phoneNumberId: "${PHONE_NUMBER_ID}"
    accessToken: test-access-token
    appSecret: ${APP_SECRET}
    verifyToken: test-verify-token
    apiRoot: ${graph.apiRoot}
    sendIntervalMs: 0
outbox: { maxAttempts: 3, retryBaseMs: 40, retryMaxMs: 200, pollMs: 30 }
`;
}

/**
 * Incidents and feature requests tell many customers at once: each through their own channel (Telegram through the
 * Bot API, e-mail over SMTP, the web chat, WhatsApp), once per conversation even when the request is repeated, and
 * the ones that cannot be reached are listed with the reason.
 */
describe.each(['sqlite', 'postgres'] as const)('on %s: incident updates and "shipped" messages reach every customer once, through their channel', (kind) => {
  let fake: FakeBotApi;
  let bot: FakeBot;
  let imap: Dovecot;
  let smtp: SmtpSink;
  let graph: FakeGraphApi;
  let t: TestApp;
  let agentToken: string;
  let dropSchema: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    const schema = kind === 'postgres' ? await createPostgresSchema() : null;
    dropSchema = schema?.drop ?? null;
    [imap, smtp, fake, graph] = await Promise.all([Dovecot.start(), SmtpSink.start(), FakeBotApi.start(), new FakeGraphApi(PHONE_NUMBER_ID, 'test-access-token').start()]);
    bot = fake.addBot(BOT_TOKEN);
    t = await startTestApp({ configYaml: configYaml(fake, imap, smtp, graph), databaseUrl: schema?.url });
    agentToken = (await request(t.url).post('/api/agents').set(auth).send({ name: 'Ира', email: 'ira@acme.test', role: 'agent' }).expect(201)).body.token;
  }, 300_000);
  afterAll(async () => {
    await t?.destroy();
    await Promise.all([imap?.destroy(), smtp?.close(), fake?.close(), graph?.close()]);
    await dropSchema?.();
  });

  const conversations = async (): Promise<Conversation[]> => (await request(t.url).get('/api/conversations?status=open,pending,resolved&limit=200').set(auth).expect(200)).body.items;
  const messagesOf = async (id: number): Promise<Array<{ direction: string; body: string }>> => (await request(t.url).get(`/api/conversations/${id}/messages`).set(auth).expect(200)).body.items;
  const ours = async (id: number, body: string) => (await messagesOf(id)).filter((m) => m.direction === 'out' && m.body === body).length;
  const webchatSays = async (name: string, text: string) => (await webchatVisitor(t.url, name)).send({ name, text, clientMessageId: `${name}-${text.length}` }).expect(201);
  const webchatHeard = async (name: string, text: string) =>
    (await (await webchatVisitor(t.url, name)).history().expect(200)).body.items.filter((m: { direction: string; text: string }) => m.direction === 'out' && m.text === text).length;
  const mailsWith = (text: string) => smtp.received.filter((m) => (m.parsed.text ?? '').includes(text)).length;
  const telegramsWith = (text: string) => bot.sent.filter((s) => s.text === text);
  const whatsappSays = (text: string, at: number) => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001234', phone_number_id: PHONE_NUMBER_ID },
        contacts: [{ profile: { name: 'Wa Customer' }, wa_id: WA_CUSTOMER }],
        messages: [{ from: WA_CUSTOMER, id: `wamid.${at}`, timestamp: String(Math.floor(at / 1000)), type: 'text', text: { body: text } }],
      } }] }],
    });
    return request(t.url).post('/webhooks/whatsapp/wa').set('Content-Type', 'application/json').set('X-Hub-Signature-256', hubSignature(body, APP_SECRET)).send(body).expect(200);
  };

  it('links by suggestion and by hand, sends each update once per conversation, lists the unreachable with reasons, resolves with a final message; then a shipped feature is told once', async () => {
    // Ops open the incident; agents may not.
    await request(t.url).post('/api/incidents').set({ Authorization: `Bearer ${agentToken}` }).send({ title: 'x' }).expect(403);
    expect((await request(t.url).post('/api/incidents').set(auth).send({ title: '' }).expect(400)).body.fields).toEqual(['title']);
    const incident = (await request(t.url).post('/api/incidents').set(auth).send({ title: 'Не проходит оплата картой', description: 'card payments fail' }).expect(201)).body;

    // A WhatsApp customer wrote 25 hours ago: outside the 24-hour window.
    await whatsappSays('оплата не проходит', Date.now() - 25 * HOUR);
    bot.enqueue(messageUpdate(customer(7001, { first_name: 'Анна' }), 1, { text: 'Не проходит оплата, помогите' }));
    bot.enqueue(messageUpdate(customer(7002, { first_name: 'Борис' }), 1, { text: 'у меня оплата картой не проходит' }));
    await imap.append(rawMail({
      From: 'Carl <carl@customer.test>', To: 'support@acme.test', Subject: 'Payment', 'Message-ID': '<pay-1@customer.test>',
      Date: new Date().toUTCString(), 'Content-Type': 'text/plain; charset=utf-8',
    }, 'My card payment failed twice today'));
    await webchatSays('visitor-pay', 'Не проходят платежи... оплата не проходит');
    await webchatSays('visitor-other', 'Как сменить пароль?');
    const all = await eventually(async () => {
      const list = await conversations();
      expect(list.map((c) => c.channel.id).sort()).toEqual(['mail', 'tg', 'tg', 'wa', 'webchat', 'webchat']);
      return list;
    }, 20_000);
    const byName = (name: string) => all.find((c) => c.contact.name.startsWith(name))!;
    const [anna, boris, carl, visitor, other, wa] = ['Анна', 'Борис', 'Carl', 'visitor-pay', 'visitor-other', 'Wa Customer'].map((n) => byName(n).id);

    // Suggested: open conversations whose customers wrote the incident's words since it began (not the password question).
    const suggested = (await request(t.url).get(`/api/incidents/${incident.id}/suggestions`).set(auth).expect(200)).body.items.map((s: { conversationId: number }) => s.conversationId);
    expect([...suggested].sort()).toEqual([anna, boris, carl, visitor, wa].sort());
    // An agent links a bulk selection; ops add the WhatsApp one by hand.
    await request(t.url).post(`/api/incidents/${incident.id}/conversations`).set({ Authorization: `Bearer ${agentToken}` }).send({ conversationIds: [anna, boris, carl, visitor] }).expect(200);
    expect((await request(t.url).post(`/api/incidents/${incident.id}/conversations`).set(auth).send({ conversationIds: [wa, 999999] }).expect(400)).body.fields).toEqual(['conversationIds.1']);
    const linked = (await request(t.url).post(`/api/incidents/${incident.id}/conversations`).set(auth).send({ conversationIds: [wa, anna] }).expect(200)).body;
    expect(linked.conversationIds).toEqual([anna, boris, carl, visitor, wa].sort((a, b) => a - b));
    expect((await request(t.url).get('/api/incidents?status=open').set({ Authorization: `Bearer ${agentToken}` }).expect(200)).body.items.map((i: { id: number }) => i.id)).toEqual([incident.id]);

    // Anna's message goes first (lowest id), then Boris's: Telegram refuses Boris's, he blocked the bot.
    const [firstTg, secondTg] = [anna, boris].sort((a, b) => a - b);
    bot.failNext('sendMessage', { error_code: 403, description: BLOCKED }, 1, 1);
    const update = 'Платёжный шлюз восстанавливают, ориентировочно 30 минут';
    const post = () => request(t.url).post(`/api/incidents/${incident.id}/updates`).set(auth).set('Idempotency-Key', 'update-1').send({ body: update });
    const [a, b] = await Promise.all([post(), post()]);
    const c = await post();
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(1);

    const outcome: Outcome = await eventually(async () => {
      const res = await request(t.url).get(`/api/incidents/${incident.id}/updates/${a.body.id}`).set(auth).expect(200);
      const byConversation = Object.fromEntries(res.body.outcome.deliveries.map((d: Delivery) => [d.conversationId, d.status]));
      expect(byConversation).toEqual({ [firstTg]: 'sent', [secondTg]: 'failed', [carl]: 'sent', [visitor]: 'sent', [wa]: 'unreachable' });
      return res.body.outcome;
    }, 20_000);
    expect(outcome.total).toBe(5);
    expect(outcome.reached).toBe(3);
    expect(outcome.unreachable.map((d) => [d.conversationId, d.channelId])).toEqual([[secondTg, 'tg'], [wa, 'wa']].sort((x, y) => Number(x[0]) - Number(y[0])));
    expect(outcome.unreachable.find((d) => d.channelId === 'tg')!.reason).toBe(BLOCKED);
    expect(outcome.unreachable.find((d) => d.channelId === 'wa')!.reason).toMatch(/24-hour customer service window .* is closed/);
    // Exactly one message per conversation, in the inbox and at each peer.
    for (const id of [anna, boris, carl, visitor]) expect(await ours(id, update)).toBe(1);
    expect(await ours(wa, update)).toBe(0);
    expect(telegramsWith(update).map((s) => s.chatId)).toEqual([firstTg === anna ? '7001' : '7002']);
    await eventually(() => expect(mailsWith(update)).toBe(1));
    expect(await webchatHeard('visitor-pay', update)).toBe(1);
    expect(await webchatHeard('visitor-other', update)).toBe(0);
    expect(graph.sends).toHaveLength(0);

    // Without a key the text names the update: the same text twice is one update.
    const second = 'Оплата снова работает в тестовом режиме';
    const [s1, s2] = [await request(t.url).post(`/api/incidents/${incident.id}/updates`).set(auth).send({ body: second }).expect(201), await request(t.url).post(`/api/incidents/${incident.id}/updates`).set(auth).send({ body: second }).expect(201)];
    expect(s2.body.id).toBe(s1.body.id);
    await eventually(async () => expect(telegramsWith(second)).toHaveLength(2), 10_000);
    await eventually(() => expect(mailsWith(second)).toBe(1), 10_000);
    for (const id of [anna, boris, carl, visitor]) expect(await ours(id, second)).toBe(1);

    // Resolving tells everyone once more and resolves their conversations.
    const final = 'Оплата картой работает. Спасибо за терпение!';
    const resolved = (await request(t.url).post(`/api/incidents/${incident.id}/resolve`).set(auth).send({ message: final, resolveConversations: true }).expect(200)).body;
    await request(t.url).post(`/api/incidents/${incident.id}/resolve`).set(auth).send({ message: final, resolveConversations: true }).expect(200);
    expect(resolved.status).toBe('resolved');
    await request(t.url).post(`/api/incidents/${incident.id}/updates`).set(auth).send({ body: 'late' }).expect(409);
    await eventually(async () => expect(telegramsWith(final)).toHaveLength(2), 10_000);
    await eventually(() => expect(mailsWith(final)).toBe(1), 10_000);
    expect(await webchatHeard('visitor-pay', final)).toBe(1);
    const after = await conversations();
    for (const id of [anna, boris, carl, visitor, wa]) expect(after.find((x) => x.id === id)!.status).toBe('resolved');
    expect(after.find((x) => x.id === other)!.status).toBe('open');

    // Feature requests: recorded by agents from four conversations (titles typed differently are one request).
    const agent = { Authorization: `Bearer ${agentToken}` };
    const dark = (await request(t.url).post('/api/feature-requests').set(agent).send({ conversationId: anna, title: 'Тёмная тема', workaround: 'Системная тёмная тема телефона' }).expect(201)).body;
    await request(t.url).post('/api/feature-requests').set(agent).send({ conversationId: carl, title: 'тёмная  тема!' }).expect(201);
    const typed = (await request(t.url).get('/api/feature-requests').query({ q: 'тёмн' }).set(agent).expect(200)).body.items;
    expect(typed.map((r: { id: number }) => r.id)).toEqual([dark.id]);
    await request(t.url).post('/api/feature-requests').set(agent).send({ conversationId: visitor, featureRequestId: dark.id }).expect(201);
    await request(t.url).post('/api/feature-requests').set(agent).send({ conversationId: visitor, featureRequestId: dark.id }).expect(201);
    await request(t.url).post('/api/feature-requests').set(agent).send({ conversationId: wa, featureRequestId: dark.id }).expect(201);
    await request(t.url).post('/api/feature-requests').set(agent).send({ conversationId: boris, title: 'Экспорт в Excel' }).expect(201);
    expect((await request(t.url).post('/api/feature-requests').set(agent).send({ conversationId: anna }).expect(400)).body.fields).toEqual(['title']);
    const list = (await request(t.url).get('/api/feature-requests').set(agent).expect(200)).body.items;
    expect(list.map((r: { title: string; customers: number }) => [r.title, r.customers])).toEqual([['Тёмная тема', 4], ['Экспорт в Excel', 1]]);
    expect(list[0].channels.map((c: { channelId: string }) => c.channelId).sort()).toEqual(['mail', 'tg', 'wa', 'webchat']);

    await request(t.url).post(`/api/feature-requests/${dark.id}/ship`).set(agent).send({ message: 'x' }).expect(403);
    const shippedText = 'Тёмная тема вышла — обновите приложение';
    const [ship1, ship2] = await Promise.all([
      request(t.url).post(`/api/feature-requests/${dark.id}/ship`).set(auth).send({ message: shippedText }),
      request(t.url).post(`/api/feature-requests/${dark.id}/ship`).set(auth).send({ message: shippedText }),
    ]);
    expect([ship1.status, ship2.status]).toEqual([200, 200]);
    const shipped = await eventually(async () => {
      const res = (await request(t.url).get(`/api/feature-requests/${dark.id}`).set(auth).expect(200)).body;
      expect(res.outcome.deliveries.map((d: Delivery) => d.status).sort()).toEqual(['sent', 'sent', 'sent', 'unreachable']);
      return res;
    }, 20_000);
    expect(shipped.status).toBe('shipped');
    expect(shipped.outcome.unreachable).toEqual([expect.objectContaining({ conversationId: wa, reason: expect.stringMatching(/window/) })]);
    expect(telegramsWith(shippedText).map((s) => s.chatId)).toEqual(['7001']);
    await eventually(() => expect(mailsWith(shippedText)).toBe(1), 10_000);
    expect(await webchatHeard('visitor-pay', shippedText)).toBe(1);
    // Our message does not reopen a resolved conversation.
    for (const id of [anna, carl, visitor]) expect((await conversations()).find((x) => x.id === id)!.status).toBe('resolved');

    const csv = await request(t.url).get('/api/feature-requests').query({ format: 'csv' }).set(auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,title,status,customers,asks,channels,workarounds,createdAt,shippedAt');
    expect(lines[1]).toMatch(new RegExp(`^${dark.id},Тёмная тема,shipped,4,4,`));
    expect(lines[1]).toContain(',1,'); // one workaround given
  }, 120_000);
});
