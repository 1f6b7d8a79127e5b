import request from 'supertest';
import { adminAuth, agentNotices, createAgent, realtimeSocket, visitorWrites } from './support/agents';
import { clusterOnPostgres } from './support/postgres';
import { clusterEnv, redisPrefix } from './support/redis';
import { eventually, TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An API process and two workers on one PostgreSQL schema and Redis: the timers are BullMQ jobs any worker may run. */
describe('snooze wake-ups and reminders in a cluster', () => {
  const prefix = redisPrefix('attention');
  const { startApp, sockets } = clusterOnPostgres({ redisPrefix: prefix });
  let api: TestApp | undefined;
  /** The API process (started with its two workers by the first test that needs them). */
  async function cluster(): Promise<TestApp> {
    if (!api) {
      api = await startApp({ env: clusterEnv('api', prefix) });
      for (let i = 0; i < 2; i++) await startApp({ env: clusterEnv('worker', prefix) });
    }
    return api;
  }

  it('each wake-up and each reminder fires once, whichever worker runs it, and reaches the agent on the API process, as a mention does', async () => {
    const api = await cluster();

    const anna = await createAgent(api.url, 'Анна Смирнова', 'anna@example.com');
    const notices = await agentNotices(api.url, anna.token, sockets);

    const snoozedId = await visitorWrites(api.url, 'cluster-attention-1', 'Перезвоните позже', '1');
    const remindedId = await visitorWrites(api.url, 'cluster-attention-2', 'Жду возврат', '1');
    await request(api.url).post(`/api/conversations/${snoozedId}/assign`).set(adminAuth).send({ agentId: anna.id }).expect(200);
    const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
    await request(api.url).post(`/api/conversations/${snoozedId}/status`).set(adminAuth).send({ status: 'snoozed', until: soon(1500) }).expect(200);
    await request(api.url).post(`/api/conversations/${remindedId}/messages`).set({ Authorization: `Bearer ${anna.token}` })
      .send({ kind: 'note', body: 'Проверить возврат', remindAt: soon(1500) }).expect(201);

    // A colleague's mention, recorded with the note on PostgreSQL and pushed at once.
    const boris = await createAgent(api.url, 'Борис Котов', 'boris@example.com');
    await request(api.url).post(`/api/conversations/${remindedId}/messages`).set({ Authorization: `Bearer ${boris.token}` })
      .send({ kind: 'note', body: '@anna возврат одобрен' }).expect(201);

    await eventually(async () => {
      expect((await request(api.url).get(`/api/conversations/${snoozedId}`).set(adminAuth).expect(200)).body.status).toBe('open');
      expect(notices.map((n) => `${n.kind} ${n.conversationId}`).sort()).toEqual([`mention ${remindedId}`, `reminder ${remindedId}`, `snooze.woke ${snoozedId}`]);
    }, 10_000);
    await sleep(1500); // a second firing would land now
    expect(notices).toHaveLength(3);
    const mentions = (await request(api.url).get('/api/mentions').set({ Authorization: `Bearer ${anna.token}` }).expect(200)).body.items;
    expect(mentions).toEqual([expect.objectContaining({ conversationId: remindedId, byAgentId: boris.id, text: '@anna возврат одобрен' })]);
  }, 60_000);

  it('a reminder cancelled or moved on the API process is not fired at its old moment by the worker that holds its timer', async () => {
    const api = await cluster();
    const olga = await createAgent(api.url, 'Ольга Петрова', 'olga@example.com');
    const auth = { Authorization: `Bearer ${olga.token}` };
    const socket = await realtimeSocket(api.url, { token: olga.token });
    sockets.push(socket);
    const notices: Array<{ kind: string; reminderId?: number }> = [];
    socket.on('notice', (n) => notices.push(n));
    const id = await visitorWrites(api.url, 'cluster-attention-3', 'Когда доставка?', '1');
    const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
    for (const body of ['Отменю', 'Перенесу']) {
      await request(api.url).post(`/api/conversations/${id}/messages`).set(auth).send({ kind: 'note', body, remindAt: soon(1500) }).expect(201);
    }
    const [cancelled, moved] = (await request(api.url).get(`/api/conversations/${id}/reminders`).set(auth).expect(200)).body.items;
    await request(api.url).delete(`/api/reminders/${cancelled.id}`).set(auth).expect(204);
    const later = soon(4000);
    await request(api.url).patch(`/api/reminders/${moved.id}`).set(auth).send({ remindAt: later }).expect(200);

    await sleep(2500); // both old moments have passed on the workers
    expect(notices).toEqual([]);
    await eventually(() => expect(notices).toEqual([expect.objectContaining({ kind: 'reminder', reminderId: moved.id })]), 10_000);
    await sleep(1500);
    expect(notices).toHaveLength(1);
  }, 60_000);
});
