import Redis from 'ioredis';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import request from 'supertest';
import { migrations } from '@app/platform/database/migrations';
import { Dovecot, rawMail } from './support/dovecot';
import { customer, FakeBot, FakeBotApi, messageUpdate } from './support/fake-bot-api';
import { createPostgresSchema } from './support/postgres';
import { requireBuiltServer, ServerProcess } from './support/server-process';
import { SmtpSink } from './support/smtp-sink';
import { ADMIN_TOKEN, eventually } from './support/test-app';
import { visitor } from './support/webchat-visitor';

/** One process of the cluster and the URL it serves on. */
interface Member { process: ServerProcess; url: string; pid: number }

/**
 * The inbox as a cluster: 2 API and 2 worker processes of the built server started at once on an empty
 * PostgreSQL schema and a Redis prefix of their own, with every kind of channel against loopback peers. A
 * bounded mixed load goes through both API processes while the worker holding the polling bot is killed.
 */
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const POLL_TOKEN = '700001:AAH-cluster_polling_bot';
const HOOK_TOKEN = '700002:AAH-cluster_webhook_bot';
const HOOK_SECRET = 'cluster-hook-secret';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The load, bounded: per kind of channel, how many customers write and how many messages each sends. */
const POLL_CUSTOMERS = 6;
const HOOK_CUSTOMERS = 6;
const WEBCHAT_VISITORS = 6;
const MAILS = 4;
const MESSAGES_EACH = 2;

function configYaml(fake: FakeBotApi, imap: Dovecot, smtp: SmtpSink): string {
  return `
channels:
  - id: webchat
    type: webchat
    name: Web chat
  - id: tg-poll
    type: telegram
    name: Polling bot
    token: "${POLL_TOKEN}"
    apiRoot: ${fake.url}
    pollTimeoutSeconds: 1
  - id: tg-hook
    type: telegram
    name: Webhook bot
    token: "${HOOK_TOKEN}"
    mode: webhook
    webhookSecret: ${HOOK_SECRET}
    apiRoot: ${fake.url}
  - id: support
    type: email
    name: ACME Support
    address: support@acme.test
    imap: { host: 127.0.0.1, port: ${imap.port}, secure: false, user: support, password: secret-pass }
    smtp: { host: 127.0.0.1, port: ${smtp.port}, secure: false }
policies:
  webchat: { firstResponse: 3s, warnAt: 0.5, highLoadNotice: off }
  telegram: { highLoadNotice: off }
outbox: { retryBaseMs: 100, retryMaxMs: 500, pollMs: 100 }
`;
}

interface Received { event: string; payload: { id?: number; conversationId?: number; text?: string } }

function connect(url: string, authPayload: Record<string, string>, received: Received[]): Promise<Socket> {
  const socket = io(`${url}/realtime`, { auth: authPayload, transports: ['websocket'], reconnection: false });
  socket.onAny((event, payload) => received.push({ event, payload }));
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve(socket));
    socket.once('unauthorized', () => reject(new Error('unauthorized')));
    socket.once('connect_error', reject);
  });
}

describe('cluster: 2 API and 2 worker processes on PostgreSQL and Redis', () => {
  let fake: FakeBotApi;
  let pollBot: FakeBot;
  let hookBot: FakeBot;
  let imap: Dovecot;
  let smtp: SmtpSink;
  let schema: { url: string; drop: () => Promise<void> };
  let db: Client;
  let dataDir: string;
  const prefix = `test-cluster-${randomBytes(4).toString('hex')}:`;
  const apis: Member[] = [];
  const workers: Member[] = [];
  const started: ServerProcess[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    requireBuiltServer();
    [fake, imap, smtp, schema] = await Promise.all([FakeBotApi.start(), Dovecot.start(), SmtpSink.start(), createPostgresSchema()]);
    pollBot = fake.addBot(POLL_TOKEN, 'cluster_polling_bot');
    hookBot = fake.addBot(HOOK_TOKEN, 'cluster_webhook_bot');
    db = new Client({ connectionString: schema.url.replace(/\?schema=(\w+)$/, ''), options: `-c search_path=${new URL(schema.url).searchParams.get('schema')}` });
    await db.connect();
    dataDir = mkdtempSync(join(tmpdir(), 'inbox-cluster-data-'));
  }, 120_000);

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all(started.map((p) => p.kill()));
    await db?.end();
    await Promise.all([fake?.close(), smtp?.close(), imap?.destroy()]);
    await schema?.drop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('stores every acknowledged message once, sends every reply once, and survives the kill of a channel holder', async () => {
    const startedAt = Date.now();
    // All four at once on the empty schema: the migrations must run once.
    const env = (role: string) => ({ INBOX_ROLE: role, REDIS_URL, REDIS_PREFIX: prefix, DATA_DIR: join(dataDir, 'data') });
    writeFileSync(join(dataDir, 'config.yaml'), configYaml(fake, imap, smtp));
    const roles = ['api', 'api', 'worker', 'worker'];
    for (const role of roles) started.push(new ServerProcess(dataDir, { ...env(role), DATABASE_URL: schema.url }));
    const urls = await Promise.all(started.map((p) => p.url(60_000)));
    started.forEach((p, i) => (roles[i] === 'api' ? apis : workers).push({ process: p, url: urls[i], pid: p.pid }));
    const [api1, api2] = apis;
    const apiAt = (i: number) => apis[i % 2].url;

    const duplicates = await db.query('SELECT name FROM migrations GROUP BY name HAVING count(*) > 1');
    expect(duplicates.rows).toEqual([]);
    expect(Number((await db.query('SELECT count(*) AS n FROM migrations')).rows[0].n)).toBe(migrations.length);

    // Every process answers /health on its port; workers serve nothing else.
    for (const p of [...apis, ...workers]) await request(p.url).get('/health/ready').expect(200);
    await request(workers[0].url).get('/api/conversations').set(auth).expect(404);

    // An agent on API 1, a web chat visitor on API 2.
    const agentEvents: Received[] = [];
    sockets.push(await connect(api1.url, { token: ADMIN_TOKEN }, agentEvents));
    const visitorEvents: Received[] = [];
    sockets.push(await connect(api2.url, { visitorToken: (await visitor(api1.url, 'cluster-visitor-0')).token }, visitorEvents));

    // Each long-lived channel has one owner, a worker.
    const owners = async () => {
      const items: Array<{ id: string; owner: { host: string; pid: number } | null }> = (await request(api2.url).get('/api/channels').set(auth).expect(200)).body.items;
      return new Map(items.map((c) => [c.id, c.owner]));
    };
    const pollOwner = await eventually(async () => {
      const owner = (await owners()).get('tg-poll');
      expect(workers.map((w) => w.pid)).toContain(owner?.pid);
      return owner!;
    }, 15_000);

    // First half of the load, through both API processes and the peers.
    const pollUsers = Array.from({ length: POLL_CUSTOMERS }, (_, i) => customer(910_000 + i, { first_name: `Poll${i}` }));
    const hookUsers = Array.from({ length: HOOK_CUSTOMERS }, (_, i) => customer(920_000 + i, { first_name: `Hook${i}` }));
    let hookUpdateId = 1;
    const postHook = (i: number, update: object) => request(apiAt(i)).post('/webhooks/telegram/tg-hook')
      .set('Content-Type', 'application/json').set('X-Telegram-Bot-Api-Secret-Token', HOOK_SECRET).send(JSON.stringify(update));
    const acknowledgedHooks: string[] = [];
    const sendHookRound = async (round: number) => {
      await Promise.all(hookUsers.map(async (user, i) => {
        const update = { update_id: hookUpdateId++, ...messageUpdate(user, 100 + round, { text: `hook ${i} round ${round}` }) };
        // Telegram redelivers when in doubt: the same update reaches both API processes at once.
        const answers = await Promise.all([postHook(i, update), postHook(i + 1, update)]);
        if (answers.some((a) => a.status === 200)) acknowledgedHooks.push(`${user.id}:${100 + round}`);
      }));
    };
    const acknowledgedChats: number[] = [];
    const sendChatRound = async (round: number) => {
      await Promise.all(Array.from({ length: WEBCHAT_VISITORS }, async (_, i) => {
        const body = { name: `Visitor ${i}`, text: `chat ${i} round ${round}`, clientMessageId: `c${i}-${round}` };
        const { token } = await visitor(api1.url, `cluster-visitor-${i}`);
        const post = (url: string) => request(url).post('/webchat/messages').set('X-Visitor-Token', token).send(body);
        const answers = await Promise.all([post(apiAt(i)), post(apiAt(i + 1))]);
        for (const a of answers) if (a.status === 201 && !a.body.duplicate) acknowledgedChats.push(a.body.messageId);
      }));
    };
    const pollRound = (round: number) => pollBot.enqueue(...pollUsers.map((user, i) => messageUpdate(user, 100 + round, { text: `poll ${i} round ${round}` })));
    const mail = (i: number) => imap.append(rawMail({
      From: `Customer ${i} <customer${i}@example.test>`, To: 'support@acme.test', Subject: `Question ${i}`,
      'Message-ID': `<cluster-${i}@example.test>`, Date: new Date().toUTCString(), 'Content-Type': 'text/plain; charset=utf-8',
    }, `mail body ${i}`));

    pollRound(0);
    await Promise.all([sendHookRound(0), sendChatRound(0), ...Array.from({ length: MAILS / 2 }, (_, i) => mail(i))]);
    await eventually(() => expect(pollBot.pending()).toBe(0), 15_000);

    // Mid-load: the worker polling the bot dies without a word.
    const victim = workers.find((w) => w.pid === pollOwner.pid)!;
    const survivor = workers.find((w) => w !== victim)!;
    expect(survivor).toBeDefined();
    // Whether the victim reads the mailbox: the mails just appended may be mid-intake there when it dies. (Round 0 of the
    // polled bot is done: the fake counts an update as delivered only once the next getUpdates confirmed it, which the
    // poller asks for after storing and announcing it; webhooks and web chat come in through the API processes.)
    const ownersAtKill = await owners();
    const readByVictim = ['support'].filter((id) => ownersAtKill.get(id)?.pid === victim.pid);
    const killedAt = Date.now();
    await victim.process.kill();
    workers.splice(workers.indexOf(victim), 1);
    pollRound(1);
    await Promise.all([sendHookRound(1), sendChatRound(1), ...Array.from({ length: MAILS / 2 }, (_, i) => mail(MAILS / 2 + i))]);

    // Polling resumes on the other worker within 10 s, from the stored offset.
    await eventually(() => expect(pollBot.pending()).toBe(0), 15_000);
    const resumed = fake.callsOf('getUpdates', POLL_TOKEN).find((c) => c.at > killedAt);
    expect(resumed!.at - killedAt).toBeLessThan(10_000);
    expect(pollBot.maxPollingAtOnce).toBe(1);
    await eventually(async () => expect((await owners()).get('tg-poll')?.pid).toBe(survivor.pid), 15_000);

    // Every acknowledged inbound message is stored exactly once.
    const stored = async (channelId: string) => (await db.query(
      `SELECT "externalId", count(*)::int AS n FROM messages WHERE "channelId" = $1 AND direction = 'in' GROUP BY "externalId"`, [channelId])).rows as Array<{ externalId: string; n: number }>;
    await eventually(async () => expect(await stored('tg-poll')).toHaveLength(POLL_CUSTOMERS * MESSAGES_EACH), 15_000);
    await eventually(async () => expect(await stored('support')).toHaveLength(MAILS), 15_000);
    for (const channelId of ['tg-poll', 'tg-hook', 'webchat', 'support']) expect((await stored(channelId)).filter((r) => r.n !== 1)).toEqual([]);
    expect((await stored('tg-hook')).map((r) => r.externalId).sort()).toEqual([...acknowledgedHooks].sort());
    expect(acknowledgedHooks).toHaveLength(HOOK_CUSTOMERS * MESSAGES_EACH);
    expect(new Set(acknowledgedChats).size).toBe(WEBCHAT_VISITORS * MESSAGES_EACH);
    expect(await stored('webchat')).toHaveLength(WEBCHAT_VISITORS * MESSAGES_EACH);

    // The agent on API 1 saw each stored message once, including those stored through API 2 and the workers.
    // An event is a nudge published after the commit (DESIGN: pub/sub, the database holds the truth): a SIGKILL between
    // a commit and its publish loses that nudge, and the redelivered update or mail is then a duplicate that announces
    // nothing. The victim stores one mail at a time, so the mailbox it read may have lost the nudge of one message
    // stored before the kill, no more; the next load of its conversation shows it.
    const allInbound = (await db.query(`SELECT id, "channelId", "conversationId", "createdAt" FROM messages WHERE direction = 'in'`)).rows
      .map((r) => ({ id: r.id as number, channelId: r.channelId as string, conversationId: r.conversationId as number, createdAt: Number(r.createdAt) }));
    const missed = await eventually(() => {
      const seen = agentEvents.filter((e) => e.event === 'message.created').map((e) => e.payload.id!);
      const seenInbound = seen.filter((id) => allInbound.some((m) => m.id === id));
      expect(seenInbound.length).toBe(new Set(seenInbound).size);
      const notSeen = allInbound.filter((m) => !seen.includes(m.id));
      expect(notSeen.filter((m) => !readByVictim.includes(m.channelId) || m.createdAt > killedAt)).toEqual([]);
      for (const channelId of readByVictim) expect(notSeen.filter((m) => m.channelId === channelId).length).toBeLessThanOrEqual(1);
      return notSeen;
    }, 10_000);
    for (const m of missed) {
      const shown = (await request(api1.url).get(`/api/conversations/${m.conversationId}/messages`).set(auth).expect(200)).body.items;
      expect(shown.map((x: { id: number }) => x.id)).toContain(m.id);
    }

    // One reply to each Telegram and e-mail conversation and to web chat visitor 0, through alternating API processes.
    // (Visitor 0 by name: the visitors write at once, so the first web chat stored may be anyone's.)
    const visitor0 = (await db.query(`SELECT c.id FROM conversations c JOIN contact_identities i ON i.id = c."identityId" WHERE i."displayName" = 'Visitor 0'`)).rows[0].id;
    const replies = (await db.query(`SELECT id, "channelId" FROM conversations WHERE "channelId" <> 'webchat' OR id = $1`, [visitor0])).rows as Array<{ id: number; channelId: string }>;
    await Promise.all(replies.map((c, i) => request(apiAt(i)).post(`/api/conversations/${c.id}/messages`).set(auth).send({ body: `reply to ${c.id}` }).expect(201)));
    const sentTexts = () => [...pollBot.sent, ...hookBot.sent].map((s) => s.text);
    const mailTexts = () => smtp.received.filter((m) => m.header('auto-submitted') === undefined).map((m) => (m.parsed.text ?? '').trim());
    await eventually(() => {
      for (const c of replies.filter((r) => r.channelId.startsWith('tg-'))) expect(sentTexts().filter((t) => t === `reply to ${c.id}`)).toHaveLength(1);
      for (const c of replies.filter((r) => r.channelId === 'support')) expect(mailTexts().filter((t) => t.startsWith(`reply to ${c.id}`))).toHaveLength(1);
    }, 20_000);
    // The visitor on API 2 got the reply a worker relayed.
    await eventually(() => expect(visitorEvents.filter((e) => e.event === 'reply' && e.payload.text === `reply to ${visitor0}`)).toHaveLength(1), 20_000); // relayed like the replies above, which get 20 s
    // E-mail acknowledgements: one per customer mail.
    const acks = smtp.received.filter((m) => m.header('auto-submitted') !== undefined).map((m) => m.header('in-reply-to'));
    expect(new Set(acks).size).toBe(acks.length);

    // Web chat visitors left unanswered breach their 3 s target: each breach is stored once and pushed once.
    await eventually(async () => {
      const breaches = (await db.query(`SELECT "conversationId", target FROM sla_events WHERE kind = 'breached'`)).rows;
      expect(breaches.length).toBeGreaterThanOrEqual(WEBCHAT_VISITORS - 1);
    }, 15_000);
    await new Promise((r) => setTimeout(r, 1000)); // any second push would be on its way by now
    const breaches = (await db.query(`SELECT "conversationId", target, count(*)::int AS n FROM sla_events WHERE kind = 'breached' GROUP BY 1, 2`)).rows;
    expect(breaches.filter((b) => b.n !== 1)).toEqual([]);
    const pushed = agentEvents.filter((e) => e.event === 'sla.breached').map((e) => e.payload.conversationId).sort();
    expect(pushed).toEqual(breaches.map((b) => b.conversationId).sort());

    // The sends went through BullMQ queues under the installation's prefix, one per channel.
    const redis = new Redis(REDIS_URL);
    const queueKeys = await redis.keys(`${prefix}jobs:outbox.*`).finally(() => redis.quit());
    for (const channelId of ['tg-poll', 'tg-hook', 'support', 'webchat']) expect(queueKeys.some((k) => k.startsWith(`${prefix}jobs:outbox.${channelId}:`))).toBe(true);

    // Shared state: an agent's presence and the web chat's rate limit counts live in Redis under the prefix.
    const shared = new Redis(REDIS_URL);
    const [presenceKeys, throttleKeys] = await Promise.all([shared.keys(`${prefix}presence:*`), shared.keys(`${prefix}throttle:*`)]).finally(() => shared.quit());
    expect(presenceKeys.length).toBeGreaterThanOrEqual(1);
    expect(throttleKeys.length).toBeGreaterThanOrEqual(1);
    // A policy changed through API 1 applies on API 2 at once.
    await request(api1.url).put('/api/policies/tg-hook').set(auth).send({ firstResponse: '7m' }).expect(200);
    await eventually(async () => expect((await request(api2.url).get('/api/policies').set(auth).expect(200)).body.channels['tg-hook'].firstResponse).toBe('7m'), 5000);

    // Nothing was sent twice anywhere.
    expect(sentTexts().filter((t) => t?.startsWith('reply to')).length).toBe(replies.filter((r) => r.channelId.startsWith('tg-')).length);
    expect(Date.now() - startedAt).toBeLessThan(110_000);
  }, 150_000);
});
