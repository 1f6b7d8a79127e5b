import request from 'supertest';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Socket } from 'socket.io-client';
import { adminAuth, createAgent, realtimeSocket, visitorWrites } from './support/agents';
import { createPostgresSchema } from './support/postgres';
import { eventually, startTestApp, TestApp } from './support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Pushed { id: number; status: string; title: string; conversationIds: number[] }

/** Every agent hears an incident open, change and close at once (`incident.changed`), whichever API process it happened on. */
describe('incidents pushed to the agents', () => {
  const apps: TestApp[] = [];
  const sockets: Socket[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    for (const app of apps.splice(0)) await app.destroy();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** An agent's socket on `app`, and what it has heard. */
  async function agentHears(app: TestApp): Promise<Pushed[]> {
    const agent = await createAgent(app.url, 'Анна Смирнова', `anna-${randomBytes(3).toString('hex')}@example.com`);
    const socket = await realtimeSocket(app.url, { token: agent.token });
    sockets.push(socket);
    const heard: Pushed[] = [];
    socket.on('incident.changed', (i: Pushed) => heard.push(i));
    return heard;
  }

  async function openLinkResolve(app: TestApp, heard: Pushed[]): Promise<void> {
    const id = await visitorWrites(app.url, `incident-visitor-${randomBytes(3).toString('hex')}`, 'Оплата не проходит', '1');
    const incident = (await request(app.url).post('/api/incidents').set(adminAuth).send({ title: 'Шлюз оплаты' }).expect(201)).body;
    await eventually(() => expect(heard).toEqual([expect.objectContaining({ id: incident.id, status: 'open', title: 'Шлюз оплаты', conversationIds: [] })]), 3000);
    await request(app.url).post(`/api/incidents/${incident.id}/conversations`).set(adminAuth).send({ conversationIds: [id] }).expect(200);
    await eventually(() => expect(heard[1]).toMatchObject({ id: incident.id, status: 'open', conversationIds: [id] }), 3000);
    await request(app.url).post(`/api/incidents/${incident.id}/resolve`).set(adminAuth).send({}).expect(200);
    await eventually(() => expect(heard[2]).toMatchObject({ id: incident.id, status: 'resolved', conversationIds: [id] }), 3000);
    expect(heard).toHaveLength(3);
  }

  it('in one process', async () => {
    const app = await startTestApp();
    apps.push(app);
    await openLinkResolve(app, await agentHears(app));
  });

  it('in a cluster: opened through one API process, heard on the other', async () => {
    const schema = await createPostgresSchema();
    const prefix = `test-incidents-${randomBytes(4).toString('hex')}:`;
    cleanups.push(schema.drop, async () => {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    });
    const env = { REDIS_URL, REDIS_PREFIX: prefix };
    const first = await startTestApp({ databaseUrl: schema.url, env });
    apps.push(first);
    const second = await startTestApp({ databaseUrl: schema.url, env: { ...env, INBOX_ROLE: 'api' } });
    apps.push(second);
    await openLinkResolve(first, await agentHears(second));
  }, 60_000);
});
