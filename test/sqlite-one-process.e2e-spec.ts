import { rmSync } from 'node:fs';
import request from 'supertest';
import { configYaml, FAST_OUTBOX, telegramChannel } from './support/config-yaml';
import { customer, FakeBot, FakeBotApi, messageUpdate } from './support/fake-bot-api';
import { requireBuiltServer, serverFolder, ServerProcess } from './support/server-process';
import { ADMIN_TOKEN, eventually } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TOKEN = '777777:AAH-one_process_bot';
const REPLIES = 10;

describe('one server process per SQLite file', () => {
  let fake: FakeBotApi;
  let bot: FakeBot;
  let dir: string;
  const processes: ServerProcess[] = [];

  beforeAll(() => {
    requireBuiltServer();
  });
  beforeEach(async () => {
    fake = await FakeBotApi.start();
    bot = fake.addBot(TOKEN);
    dir = serverFolder(configYaml({ channels: [telegramChannel(TOKEN, fake.url)], outbox: { ...FAST_OUTBOX, retryMaxMs: 200 } }), 'inbox-one-process-');
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill()));
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = () => {
    const p = new ServerProcess(dir);
    processes.push(p);
    return p;
  };

  it('refuses a second process on the same file with a clear message while the first keeps sending, each reply once', async () => {
    const first = start();
    const url = await first.url();
    const anna = customer(5151);
    bot.enqueue(messageUpdate(anna, 1, { text: 'where is my order?' }));
    const conversationId: number = await eventually(async () => {
      const [conversation] = (await request(url).get('/api/conversations').set(auth).expect(200)).body.items;
      expect(conversation).toBeDefined();
      return conversation.id;
    }, 15_000);

    // Ten replies go out while a second process on the same file tries to start.
    const reply = (i: number) => request(url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: `reply ${i}` }).expect(201);
    for (let i = 0; i < REPLIES / 2; i++) await reply(i);
    const second = start();
    for (let i = REPLIES / 2; i < REPLIES; i++) await reply(i);

    expect(await second.exited).not.toBe(0);
    expect(second.output).toMatch(/DATABASE_URL: the SQLite file .*inbox\.sqlite is in use by another Support Inbox process/);
    expect(second.output).not.toMatch(/listening on/);

    const toAnna = () => bot.sent.filter((s) => s.chatId === String(anna.id) && s.method === 'sendMessage');
    await eventually(() => expect(toAnna()).toHaveLength(REPLIES), 15_000);
    await new Promise((r) => setTimeout(r, 500)); // a second send would land now
    expect(toAnna().map((s) => s.text).sort()).toEqual(Array.from({ length: REPLIES }, (_, i) => `reply ${i}`).sort());
    expect(first.running).toBe(true);
    await request(url).get('/health').expect(200);
    expect(first.output).not.toMatch(/mid-send|database is locked/);
  }, 90_000);

  it('lets a new process take the file as soon as the first is killed (no stale lock)', async () => {
    const first = start();
    await first.url();
    await first.kill();
    const next = start();
    const url = await next.url();
    await request(url).get('/health').expect(200);
  }, 90_000);
});
