import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { io, Socket } from 'socket.io-client';
import request from 'supertest';
import { whatsappChannelType } from '@app/channels/whatsapp';
import { binary } from './support/binary-body';
import { FakeBot, FakeBotApi } from './support/fake-bot-api';
import { FakeWwebDevice } from './support/fake-wweb-client';
import { createPostgresSchema } from './support/postgres';
import { requireBuiltServer, ServerProcess } from './support/server-process';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

/**
 * The Channels page's data in a cluster: the API processes run no adapter, yet `GET /api/channels` and the QR
 * route show what the worker holding each channel sees, pushes `channel.state` to agents' sockets, and stop
 * believing a holder the moment it dies.
 */
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = '700101:AAH-channel_state_bot';
const UNAUTHORIZED = { error_code: 401, description: 'Unauthorized' };

interface ChannelItem {
  id: string;
  state: string;
  reason: string | null;
  since: string | null;
  reportedAt: string | null;
  owner: { host: string; pid: number } | null;
}

async function channel(apiUrl: string, id: string): Promise<ChannelItem> {
  const items: ChannelItem[] = (await request(apiUrl).get('/api/channels').set(auth).expect(200)).body.items;
  return items.find((c) => c.id === id)!;
}

const qr = (apiUrl: string, id: string) => request(apiUrl).get(`/api/channels/${id}/qr`).set(auth).buffer(true).parse(binary);

/** A fresh PostgreSQL schema and Redis prefix, removed after the tests. */
function clusterStorage(name: string) {
  const storage = { prefix: `test-${name}-${randomBytes(4).toString('hex')}:`, schema: null as Awaited<ReturnType<typeof createPostgresSchema>> | null };
  const env = () => ({ REDIS_URL, REDIS_PREFIX: storage.prefix, DATABASE_URL: storage.schema!.url });
  const drop = async () => {
    await storage.schema?.drop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${storage.prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  };
  return { storage, env, drop };
}

describe('channel state in a cluster: Telegram held by built worker processes', () => {
  const { storage, env, drop } = clusterStorage('channel-state-tg');
  let fake: FakeBotApi;
  let bot: FakeBot;
  let dir: string;
  const started: ServerProcess[] = [];
  let socket: Socket | null = null;

  beforeAll(async () => {
    requireBuiltServer();
    [fake, storage.schema] = await Promise.all([FakeBotApi.start(), createPostgresSchema()]);
    bot = fake.addBot(TOKEN, 'channel_state_bot');
    dir = mkdtempSync(join(tmpdir(), 'inbox-channel-state-'));
    writeFileSync(join(dir, 'config.yaml'), `
channels:
  - id: tg
    type: telegram
    name: Support bot
    token: "${TOKEN}"
    apiRoot: ${fake.url}
    pollTimeoutSeconds: 1
`);
  }, 60_000);

  afterAll(async () => {
    socket?.disconnect();
    await Promise.all(started.map((p) => p.kill()));
    await fake?.close();
    await drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("shows the holder's state through an API process, pushes its changes, and stops believing a killed holder", async () => {
    const api = new ServerProcess(dir, { ...env(), INBOX_ROLE: 'api' });
    started.push(api);
    const apiUrl = await api.url(60_000); // the first process migrates; the workers start on the migrated schema
    const workers = [new ServerProcess(dir, { ...env(), INBOX_ROLE: 'worker' }), new ServerProcess(dir, { ...env(), INBOX_ROLE: 'worker' })];
    started.push(...workers);
    await Promise.all(workers.map((w) => w.url(60_000)));

    const pushes: Array<{ channelId: string; state: string; reason: string | null; owner: { pid: number } }> = [];
    socket = io(`${apiUrl}/realtime`, { auth: { token: ADMIN_TOKEN }, transports: ['websocket'], reconnection: false });
    socket.on('channel.state', (change) => pushes.push(change));
    await new Promise((resolve, reject) => socket!.once('ready', resolve).once('connect_error', reject));

    // The API process runs no adapter, yet it shows the holder's connection as the holder sees it.
    const connected = await eventually(async () => {
      const tg = await channel(apiUrl, 'tg');
      expect(tg).toMatchObject({ state: 'ready', reason: null, since: expect.any(String), reportedAt: expect.any(String) });
      expect(workers.map((w) => w.pid)).toContain(tg.owner?.pid);
      return tg;
    }, 20_000);
    const holder = workers.find((w) => w.pid === connected.owner!.pid)!;
    const other = workers.find((w) => w !== holder)!;
    await qr(apiUrl, 'tg').expect(404); // not a channel linked by a QR code

    // Telegram refuses the token for a while: the holder's adapter shows the error, and so does the API process.
    const refusedAt = Date.now();
    bot.failNext('getUpdates', UNAUTHORIZED);
    bot.failNext('getMe', UNAUTHORIZED, 2);
    await eventually(async () => expect(await channel(apiUrl, 'tg')).toMatchObject({
      state: 'error', reason: 'Telegram answered 401: Unauthorized', owner: { pid: holder.pid },
    }), 5000, 100);
    const since = Date.parse((await channel(apiUrl, 'tg')).since!);
    expect(since).toBeGreaterThanOrEqual(refusedAt - 1000);
    // The change was pushed to the agent connected to the API process, from the worker that saw it.
    await eventually(() => expect(pushes).toContainEqual(expect.objectContaining({
      channelId: 'tg', state: 'error', reason: 'Telegram answered 401: Unauthorized', owner: expect.objectContaining({ pid: holder.pid }),
    })));
    // Telegram takes the token again: the adapter reconnects (1 s, then 2 s of backoff) and the page says so.
    await eventually(async () => expect(await channel(apiUrl, 'tg')).toMatchObject({ state: 'ready', reason: null, owner: { pid: holder.pid } }), 15_000, 200);
    await eventually(() => expect(pushes.filter((p) => p.state === 'ready').length).toBeGreaterThanOrEqual(1));

    // The report lives in Redis with an expiry the holder keeps pushing back; a silent holder's report goes away.
    const redis = new Redis(REDIS_URL);
    const ttl = await redis.pttl(`${storage.prefix}channel-state:tg`).finally(() => redis.quit());
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(15_000);

    // The holder dies without a word. Its last report is never shown as the present: while nobody holds the
    // channel it is "unheld" (no owner); then the other worker takes it over and reports its own state.
    const killedAt = Date.now();
    await holder.kill();
    const seen: Array<ChannelItem & { at: number }> = [];
    const takenOver = await eventually(async () => {
      const tg = await channel(apiUrl, 'tg');
      seen.push({ ...tg, at: Date.now() });
      expect(tg).toMatchObject({ state: 'ready', owner: { pid: other.pid } });
      expect(Date.parse(tg.reportedAt!)).toBeGreaterThan(killedAt);
      return tg;
    }, 15_000, 100);
    expect(takenOver.owner!.pid).toBe(other.pid);
    for (const s of seen) {
      if (!s.owner) expect(s).toMatchObject({ state: 'unheld', since: null, reason: expect.stringMatching(/^no worker holds this channel now/) });
      // PostgreSQL ends the dead holder's session (and lease) as soon as its socket closes.
      if (s.owner?.pid === holder.pid) expect(s.at - killedAt).toBeLessThan(1000);
    }

    // The last worker dies too: nobody holds the channel, and the page says so instead of its last report.
    await other.kill();
    const unheld = await eventually(async () => {
      const tg = await channel(apiUrl, 'tg');
      expect(tg).toMatchObject({ state: 'unheld', owner: null, since: null });
      return tg;
    }, 5000, 100);
    expect(unheld.reason).toMatch(new RegExp(`^no worker holds this channel now; last reported ready by \\S+ #${other.pid} at `));
    await qr(apiUrl, 'tg').expect(404);
  }, 120_000);
});

describe('channel state in a cluster: WhatsApp Web linked through an API process that runs no adapter', () => {
  const { storage, env, drop } = clusterStorage('channel-state-wa');
  let worker: TestApp | null = null;
  let api: ServerProcess | null = null;
  const device = new FakeWwebDevice();

  beforeAll(async () => {
    requireBuiltServer();
    storage.schema = await createPostgresSchema();
  }, 60_000);

  afterAll(async () => {
    await api?.kill();
    await worker?.destroy();
    await drop();
  }, 60_000);

  it('serves the QR code the worker waits to have scanned, follows its rotation, and forgets it with the worker', async () => {
    // The worker runs in this process with a fake whatsapp-web.js client; the API process is the built server.
    worker = await startTestApp({
      configYaml: `
channels:
  - id: wa
    type: whatsapp
    name: WhatsApp
    connection: web
`,
      env: { ...env(), INBOX_ROLE: 'worker' },
      databaseUrl: storage.schema!.url,
      channelTypes: [whatsappChannelType({ webClientFactory: device.factory })],
    });
    await eventually(() => expect(device.current.initialized).toBe(1), 10_000);
    api = new ServerProcess(worker.dir, { ...env(), INBOX_ROLE: 'api' });
    const apiUrl = await api.url(60_000);

    // Held by this process (the worker), still loading WhatsApp Web: no code to scan yet.
    await eventually(async () => expect(await channel(apiUrl, 'wa')).toMatchObject({ state: 'connecting', owner: { pid: process.pid } }), 10_000, 100);
    await qr(apiUrl, 'wa').expect(409);

    device.current.emit('qr', '2@cluster-qr-code,one');
    await eventually(async () => expect(await channel(apiUrl, 'wa')).toMatchObject({ state: 'qr', reason: expect.stringMatching(/scanned/) }), 5000, 100);
    const png = await qr(apiUrl, 'wa').expect(200).expect('Content-Type', 'image/png');
    expect(png.body).toEqual(await QRCode.toBuffer('2@cluster-qr-code,one', { type: 'png', width: 320, margin: 2 }));
    const agent = await request(apiUrl).post('/api/agents').set(auth).send({ name: 'Agent', email: 'agent-qr@example.test', role: 'agent' }).expect(201);
    await request(apiUrl).get('/api/channels/wa/qr').set({ Authorization: `Bearer ${agent.body.token}` }).expect(403);
    await request(apiUrl).get('/api/channels/nope/qr').set(auth).expect(404);

    // WhatsApp rotates the code: the API process serves the new one within the holder's next look.
    device.current.emit('qr', '2@cluster-qr-code,two');
    const rotated = await QRCode.toBuffer('2@cluster-qr-code,two', { type: 'png', width: 320, margin: 2 });
    await eventually(async () => expect((await qr(apiUrl, 'wa').expect(200)).body).toEqual(rotated), 5000, 100);

    // Scanned: linked, nothing to scan any more.
    device.current.link();
    await eventually(async () => expect(await channel(apiUrl, 'wa')).toMatchObject({ state: 'ready', owner: { pid: process.pid } }), 5000, 100);
    await qr(apiUrl, 'wa').expect(409);

    // The worker stops: nobody holds the channel, and no code is served from its last report.
    await worker.close();
    await eventually(async () => expect(await channel(apiUrl, 'wa')).toMatchObject({ state: 'unheld', owner: null }), 5000, 100);
    await qr(apiUrl, 'wa').expect(404);
  }, 90_000);
});
