import request from 'supertest';
import { adminAuth, agentNotices, createAgent, visitorWrites } from './support/agents';
import { clusterOnPostgres } from './support/postgres';
import { clusterEnv, redisPrefix } from './support/redis';
import { eventually } from './support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An API process and two workers on one PostgreSQL schema and Redis: the timers are BullMQ jobs any worker may run. */
describe('snooze wake-ups and reminders in a cluster', () => {
  const prefix = redisPrefix('attention');
  const { startApp, sockets } = clusterOnPostgres({ redisPrefix: prefix });

  it('each wake-up and each reminder fires once, whichever worker runs it, and reaches the agent on the API process, as a mention does', async () => {
    const api = await startApp({ env: clusterEnv('api', prefix) });
    for (let i = 0; i < 2; i++) await startApp({ env: clusterEnv('worker', prefix) });

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
});
