import request from 'supertest';
import { DataSource } from 'typeorm';
import { FakeVkApi } from './support/fake-vk-api';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const ANNA = 7001;
const BORIS = 7002;

describe('vk by the Bots Long Poll API', () => {
  let fake: FakeVkApi;
  let t: TestApp | null = null;

  beforeEach(async () => {
    fake = await FakeVkApi.start();
    fake.addUser(ANNA, 'Анна', 'Петрова');
    fake.addUser(BORIS, 'Борис', 'Иванов');
  });
  afterEach(async () => {
    await t?.destroy();
    t = null;
    await fake.close();
  });

  async function bodiesByContact(): Promise<Record<string, string[]>> {
    const list = (await request(t!.url).get('/api/conversations').query({ channel: 'vk' }).set(auth).expect(200)).body.items;
    const result: Record<string, string[]> = {};
    for (const c of list) {
      const res = await request(t!.url).get(`/api/conversations/${c.id}/messages`).set(auth).expect(200);
      result[c.contact.name] = res.body.items.map((m: { body: string }) => m.body);
    }
    return result;
  }

  const storedTs = () => t!.app.get(DataSource).query("SELECT value FROM channel_cursors WHERE channelId = 'vk' AND key = 'ts'").then((rows: { value: string }[]) => rows[0]?.value);

  it('stores messages as they arrive, in each customer\'s conversation, and moves its ts after storing them', async () => {
    t = await startTestApp({ configYaml: fake.configYaml() });
    await eventually(() => expect(fake.callsOf('a_check').length).toBeGreaterThan(0));
    // The ts VK gave at the first start is saved at once: events that arrive while the server is down are not skipped.
    expect(await storedTs()).toBe('1');

    fake.publish(fake.messageNew(ANNA, 1, { text: 'Здравствуйте' }), fake.messageNew(BORIS, 2, { text: 'Добрый день' }));
    fake.publish(fake.messageNew(ANNA, 3, { text: 'Где заказ 77?' }), { type: 'message_reply', group_id: fake.groupId, object: { id: 4, out: 1, peer_id: ANNA, from_id: -fake.groupId, date: 1, text: 'наш ответ' } });
    await eventually(async () => expect(await bodiesByContact()).toEqual({ 'Анна Петрова': ['Здравствуйте', 'Где заказ 77?'], 'Борис Иванов': ['Добрый день'] }));
    await eventually(async () => expect(await storedTs()).toBe('5'));
    const channels = await request(t.url).get('/api/channels').set(auth).expect(200);
    expect(channels.body.items[0]).toMatchObject({ id: 'vk', type: 'vk', state: 'ready' });
    expect(fake.callsOf('users.get').map((c) => c.params.user_ids).sort()).toEqual([String(ANNA), String(BORIS)]);
  });

  it('handles failed: 2 (a new key), failed: 3 (a new key and ts) and failed: 1 (go on from the ts given)', async () => {
    t = await startTestApp({ configYaml: fake.configYaml() });
    await eventually(() => expect(fake.callsOf('a_check').length).toBeGreaterThan(0));
    const servers = () => fake.callsOf('groups.getLongPollServer').length;
    expect(servers()).toBe(1);

    // The key expired: a new key, and the same ts, so nothing published meanwhile is missed.
    fake.failNextPoll({ failed: 2 });
    await eventually(() => expect(servers()).toBe(2), 10_000);
    fake.publish(fake.messageNew(ANNA, 1, { text: 'после нового ключа' }));
    await eventually(async () => expect(await bodiesByContact()).toEqual({ 'Анна Петрова': ['после нового ключа'] }));

    // VK lost the history and the key: a new key and VK's current ts, and the channel goes on from there.
    fake.failNextPoll({ failed: 3 });
    await eventually(() => expect(servers()).toBe(3), 10_000);
    fake.publish(fake.messageNew(ANNA, 2, { text: 'после потери истории' }));
    await eventually(async () => expect((await bodiesByContact())['Анна Петрова']).toEqual(['после нового ключа', 'после потери истории']));

    fake.failNextPoll({ failed: 1, ts: 100 });
    await eventually(async () => expect(await storedTs()).toBe('100'));
    await eventually(() => expect(fake.polledTs.at(-1)).toBe('100'));
    expect((await request(t.url).get('/api/channels').set(auth).expect(200)).body.items[0]).toMatchObject({ state: 'ready' });
  });

  it('shows VK\'s reason when the token is refused, and keeps trying', async () => {
    t = await startTestApp({ configYaml: fake.configYaml('', 'vk1.a.revoked') });
    await eventually(async () => {
      const res = await request(t!.url).get('/api/channels').set(auth).expect(200);
      expect(res.body.items[0]).toMatchObject({ id: 'vk', state: 'error', reason: 'User authorization failed: invalid access_token (4). (VK error 5)' });
    });
    expect(JSON.stringify((await request(t.url).get('/api/channels').set(auth).expect(200)).body)).not.toContain('revoked');
  });
});
