import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FakeVkApi } from './support/fake-vk-api';
import { query, requireBuiltServer, ServerProcess } from './support/server-process';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };


const storedIds = (dir: string) => query<{ externalId: string }>(dir, "SELECT externalId FROM messages WHERE channelId = 'vk' ORDER BY id").map((r) => r.externalId);
const tsOf = (dir: string) => query<{ value: string }>(dir, "SELECT value FROM channel_cursors WHERE channelId = 'vk' AND key = 'ts'")[0]?.value;

describe('vk long polling survives kill -9', () => {
  beforeAll(() => requireBuiltServer());
  let fake: FakeVkApi;
  let dir: string;
  const processes: ServerProcess[] = [];
  let t: TestApp | null = null;

  beforeEach(async () => {
    fake = await FakeVkApi.start();
    dir = mkdtempSync(join(tmpdir(), 'inbox-vk-crash-'));
    writeFileSync(join(dir, 'config.yaml'), fake.configYaml());
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

  // Generous: the first start of the process compiles the server on a shared, busy machine.
  async function waitFor(p: ServerProcess, check: () => void, timeoutMs = 45_000): Promise<void> {
    await eventually(check, timeoutMs, 5).catch((err) => {
      throw new Error(`${err.message}\n--- server output ---\n${p.output}`);
    });
  }

  it('killed mid-batch and restarted, stores every event exactly once', async () => {
    const anna = fake.addUser(7001, 'Анна', 'Петрова').id;
    const first = start();
    // The first start saves VK's ts before it polls: what arrives from now on is never skipped.
    await waitFor(first, () => expect(fake.callsOf('a_check').length).toBeGreaterThan(0));
    expect(tsOf(dir)).toBe('1');

    const receipt = fake.addFile('receipt.jpg', Buffer.from('receipt photo'));
    fake.holdDownloads(); // the photo's download hangs: the process is busy with event 3 when it dies
    fake.publish(
      fake.messageNew(anna, 1, { text: 'one' }),
      fake.messageNew(anna, 2, { text: 'two' }),
      fake.messageNew(anna, 3, { text: 'three', attachments: [{ type: 'photo', photo: { id: 1, owner_id: anna, sizes: [{ url: receipt, width: 1, height: 1 }] } }] }),
      fake.messageNew(anna, 4, { text: 'four' }),
      { type: 'message_edit', group_id: fake.groupId, event_id: 'edit-1', object: { id: 1, date: 1, update_time: Math.floor(Date.now() / 1000), peer_id: anna, from_id: anna, out: 0, text: 'one (edited)' } },
    );
    await waitFor(first, () => expect(fake.callsOf('download')).toHaveLength(1));
    await first.kill();

    // Events 1 and 2 were stored; the batch was not finished, so its ts was not saved.
    expect(storedIds(dir)).toEqual(['1', '2']);
    expect(tsOf(dir)).toBe('1');

    fake.releaseDownloads();
    const polledBefore = fake.polledTs.length;
    t = await startTestApp({ dir, configYaml: fake.configYaml() });
    const messages = await eventually(async () => {
      const [conversation, ...others] = (await request(t!.url).get('/api/conversations').set(auth).expect(200)).body.items;
      expect(others).toHaveLength(0);
      const res = await request(t!.url).get(`/api/conversations/${conversation.id}/messages`).set(auth).expect(200);
      expect(res.body.items).toHaveLength(4);
      expect(res.body.items[0].body).toBe('one (edited)');
      return res.body.items;
    }, 10_000);

    expect(messages.map((m: { body: string }) => m.body)).toEqual(['one (edited)', 'two', 'three', 'four']);
    expect(messages[2].attachments).toEqual([expect.objectContaining({ storageKey: expect.any(String) })]);
    expect(fake.polledTs[polledBefore]).toBe('1'); // the restart resumed from the saved ts
    const metrics = await request(t.url).get('/metrics').expect(200);
    expect(metrics.text).toContain('inbox_duplicate_messages_total{channel="vk"} 2'); // events 1 and 2, dropped
    await eventually(() => expect(tsOf(dir)).toBe('6'));
    expect(storedIds(dir)).toEqual(['1', '2', '3', '4']);
  }, 90_000);

  it('loses and doubles nothing when killed at arbitrary moments while a backlog streams in', async () => {
    const customers = [101, 102, 103, 104].map((id) => fake.addUser(id, `Customer`, String(id)).id);
    const total = 40;
    const page = fake.addFile('page.pdf', Buffer.from('a scanned page'));
    const first = start();
    await waitFor(first, () => expect(fake.callsOf('a_check').length).toBeGreaterThan(0));
    // Batches of 10, each event with a file to download, so every kill lands in a partly stored batch.
    fake.maxBatch = 10;
    fake.publish(...Array.from({ length: total }, (_, i) => fake.messageNew(customers[i % 4], 1 + i, {
      text: `message ${i}`,
      attachments: [{ type: 'doc', doc: { id: i, owner_id: customers[i % 4], title: `page-${i}`, ext: 'pdf', size: 14, url: page } }],
    })));

    const killedAt: number[] = [];
    for (const [p, atLeast] of [[first, 5], [null, 25]] as const) {
      const running = p ?? start();
      await waitFor(running, () => expect(storedIds(dir).length).toBeGreaterThanOrEqual(atLeast));
      await running.kill();
      killedAt.push(storedIds(dir).length);
    }
    expect(killedAt[1]).toBeLessThan(total);

    t = await startTestApp({ dir, configYaml: fake.configYaml() });
    await eventually(() => expect(storedIds(dir)).toHaveLength(total), 15_000);
    const stored = query<{ externalId: string; body: string }>(dir, "SELECT externalId, body FROM messages WHERE channelId = 'vk' ORDER BY id");
    expect(stored.map((m) => m.body).sort()).toEqual(Array.from({ length: total }, (_, i) => `message ${i}`).sort());
    expect(stored.map((m) => Number(m.externalId))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(query(dir, "SELECT id FROM contact_identities WHERE channelId = 'vk'")).toHaveLength(4);
    expect(query(dir, "SELECT id FROM conversations WHERE channelId = 'vk'")).toHaveLength(4);
    await eventually(() => expect(tsOf(dir)).toBe(String(1 + total)));
  }, 120_000);
});
