import { rmSync } from 'node:fs';
import request from 'supertest';
import { configYaml, telegramChannel } from './support/config-yaml';
import { customer, editUpdate, FakeBot, FakeBotApi, messageUpdate } from './support/fake-bot-api';
import { query, requireBuiltServer, serverFolder, ServerProcess } from './support/server-process';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TOKEN = '555555:AAH-crash_bot';

const configOf = (apiRoot: string) => configYaml({ channels: [telegramChannel(TOKEN, apiRoot)] });

const storedIds = (dir: string) => query<{ externalId: string }>(dir, "SELECT externalId FROM messages WHERE channelId = 'tg' ORDER BY id").map((r) => r.externalId);
const offsetOf = (dir: string) => query<{ value: string }>(dir, "SELECT value FROM channel_cursors WHERE channelId = 'tg' AND key = 'offset'")[0]?.value;

describe('telegram polling survives kill -9', () => {
  beforeAll(() => requireBuiltServer());
  let fake: FakeBotApi;
  let bot: FakeBot;
  let dir: string;
  const processes: ServerProcess[] = [];
  let t: TestApp | null = null;

  beforeEach(async () => {
    fake = await FakeBotApi.start();
    bot = fake.addBot(TOKEN);
    dir = serverFolder(configOf(fake.url), 'inbox-crash-');
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill()));
    await t?.close();
    t = null;
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(): ServerProcess {
    const p = new ServerProcess(dir);
    processes.push(p);
    return p;
  }

  it('killed mid-batch and restarted, stores every update exactly once', async () => {
    const anna = customer(4242);
    const photo = bot.addFile(Buffer.from('receipt photo'));
    bot.holdDownloads(); // the photo's download hangs: the process is busy with update 3 when it dies
    const ids = bot.enqueue(
      messageUpdate(anna, 1, { text: 'one' }),
      messageUpdate(anna, 2, { text: 'two' }),
      messageUpdate(anna, 3, { caption: 'three', photo: [{ ...photo, width: 1, height: 1 }] }),
      messageUpdate(anna, 4, { text: 'four' }),
      editUpdate(anna, 1, 'one (edited)', Math.floor(Date.now() / 1000)),
    );

    const first = start();
    await eventually(() => expect(fake.callsOf('download')).toHaveLength(1), 20_000).catch((err) => {
      throw new Error(`${err.message}\n--- server output ---\n${first.output}`);
    });
    await first.kill();

    // Updates 1 and 2 were stored and their offset saved; 3 was received but not stored.
    expect(storedIds(dir)).toEqual(['4242:1', '4242:2']);
    expect(offsetOf(dir)).toBe(String(ids[2]));
    // Telegram has been told nothing yet: the only getUpdates sent offset 0.
    expect(bot.offsets).toEqual([0]);
    // Widen the window: the process could equally have died after storing update 2 but before saving its
    // offset. Put the database in that state, so the restart is also handed an update it already has.
    query(dir, "UPDATE channel_cursors SET value = ? WHERE channelId = 'tg' AND key = 'offset' RETURNING value", String(ids[1]));

    bot.releaseDownloads();
    const polledBefore = bot.offsets.length;
    t = await startTestApp({ dir, configYaml: configOf(fake.url) });
    const messages = await eventually(async () => {
      const [conversation, ...others] = (await request(t!.url).get('/api/conversations').set(auth).expect(200)).body.items;
      expect(others).toHaveLength(0);
      const res = await request(t!.url).get(`/api/conversations/${conversation.id}/messages`).set(auth).expect(200);
      expect(res.body.items).toHaveLength(4);
      expect(res.body.items[0].body).toBe('one (edited)');
      return res.body.items;
    }, 10_000);

    expect(messages.map((m: { body: string }) => m.body)).toEqual(['one (edited)', 'two', 'three', 'four']);
    expect(messages[0].originalBody).toBe('one');
    expect(messages[2].attachments).toEqual([expect.objectContaining({ storageKey: expect.any(String) })]);
    expect(bot.offsets[polledBefore]).toBe(ids[1]); // the restart resumed from the stored offset
    const metrics = await request(t.url).get('/metrics').expect(200);
    expect(metrics.text).toContain('inbox_duplicate_messages_total{channel="tg"} 1'); // update 2, dropped
    await eventually(() => expect(bot.pending()).toBe(0));
    expect(storedIds(dir)).toEqual(['4242:1', '4242:2', '4242:3', '4242:4']);
  }, 60_000);

  it('loses and doubles nothing when killed at arbitrary moments while a backlog streams in', async () => {
    const customers = [101, 102, 103, 104].map((id) => customer(id, { first_name: `Customer ${id}` }));
    const total = 40;
    const file = bot.addFile(Buffer.from('a scanned page'));
    bot.enqueue(...Array.from({ length: total }, (_, i) => messageUpdate(customers[i % 4], 1 + Math.floor(i / 4), {
      caption: `message ${i}`,
      document: { ...file, file_name: `page-${i}.pdf` },
    })));
    // Batches of 10 with a slow download in each update, so every kill lands in a partly stored batch.
    bot.maxBatch = 10;
    bot.downloadDelayMs = 25;

    const killedAt: number[] = [];
    for (const atLeast of [5, 25]) {
      const p = start();
      await eventually(() => expect(storedIds(dir).length).toBeGreaterThanOrEqual(atLeast), 30_000, 5).catch((err) => {
        throw new Error(`${err.message}\n--- server output ---\n${p.output}`);
      });
      await p.kill();
      killedAt.push(storedIds(dir).length);
    }
    expect(killedAt[1]).toBeLessThan(total);

    t = await startTestApp({ dir, configYaml: configOf(fake.url) });
    await eventually(() => expect(storedIds(dir)).toHaveLength(total), 15_000);
    const stored = query<{ externalId: string; body: string }>(dir, "SELECT externalId, body FROM messages WHERE channelId = 'tg' ORDER BY id");
    expect(stored.map((m) => m.body).sort()).toEqual(Array.from({ length: total }, (_, i) => `message ${i}`).sort());
    // Each customer: one contact, one conversation, their messages in the order they wrote them.
    expect(query(dir, "SELECT id FROM contact_identities WHERE channelId = 'tg'")).toHaveLength(4);
    for (const c of customers) {
      const own = stored.filter((m) => m.externalId.startsWith(`${c.id}:`)).map((m) => Number(m.externalId.split(':')[1]));
      expect(own).toEqual(Array.from({ length: total / 4 }, (_, i) => i + 1));
    }
    expect(query(dir, "SELECT id FROM conversations WHERE channelId = 'tg'")).toHaveLength(4);
    await eventually(() => expect(bot.pending()).toBe(0));
  }, 60_000);
});
