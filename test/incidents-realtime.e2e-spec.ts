import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { Socket } from 'socket.io-client';
import { adminAuth, createAgent, realtimeSocket, visitorWrites } from './support/agents';
import { clusterOnPostgres } from './support/postgres';
import { clusterEnv, redisPrefix } from './support/redis';
import { appPerTest, eventually, TestApp } from './support/test-app';

interface Pushed { id: number; status: string; title: string; conversationIds: number[] }

/** An agent's socket on `app`, and what it has heard. */
async function agentHears(app: TestApp, sockets: Socket[]): Promise<Pushed[]> {
  const agent = await createAgent(app.url, 'Анна Смирнова', `anna-${randomBytes(3).toString('hex')}@example.com`);
  const socket = await realtimeSocket(app.url, { token: agent.token });
  sockets.push(socket);
  const heard: Pushed[] = [];
  socket.on('incident.changed', (i: Pushed) => heard.push(i));
  return heard;
}

/** Opens an incident, links a chat, tells it an update, unlinks it and resolves: each step heard once, as it now stands. */
async function lifecycle(app: TestApp, heard: Pushed[]): Promise<void> {
  const id = await visitorWrites(app.url, `incident-visitor-${randomBytes(3).toString('hex')}`, 'Оплата не проходит', '1');
  const incident = (await request(app.url).post('/api/incidents').set(adminAuth).send({ title: 'Шлюз оплаты' }).expect(201)).body;
  const step = async (n: number, expected: Partial<Pushed>) => {
    await eventually(() => expect(heard[n]).toMatchObject({ id: incident.id, ...expected }), 3000);
    expect(heard).toHaveLength(n + 1);
  };
  await step(0, { status: 'open', title: 'Шлюз оплаты', conversationIds: [] });
  await request(app.url).post(`/api/incidents/${incident.id}/conversations`).set(adminAuth).send({ conversationIds: [id] }).expect(200);
  await step(1, { status: 'open', conversationIds: [id] });
  await request(app.url).post(`/api/incidents/${incident.id}/updates`).set(adminAuth).send({ body: 'Шлюз чинят, оплата заработает в течение часа' }).expect(201);
  await step(2, { status: 'open', conversationIds: [id] });
  await request(app.url).delete(`/api/incidents/${incident.id}/conversations/${id}`).set(adminAuth).expect(200);
  await step(3, { status: 'open', conversationIds: [] });
  await request(app.url).post(`/api/incidents/${incident.id}/resolve`).set(adminAuth).send({}).expect(200);
  await step(4, { status: 'resolved', conversationIds: [] });
}

/** Every agent hears an incident open, change and close at once (`incident.changed`), whichever API process it happened on. */
describe('incidents pushed to the agents', () => {
  describe('in one process', () => {
    const { startApp, sockets } = appPerTest();
    it('hears each step of an incident once', async () => {
      const app = await startApp();
      await lifecycle(app, await agentHears(app, sockets));
    });
  });

  describe('in a cluster', () => {
    const prefix = redisPrefix('incidents');
    const { startApp, sockets } = clusterOnPostgres({ redisPrefix: prefix });
    it('changed through one API process, heard on the other', async () => {
      const first = await startApp({ env: clusterEnv('all', prefix) });
      const second = await startApp({ env: clusterEnv('api', prefix) });
      await lifecycle(first, await agentHears(second, sockets));
    }, 60_000);
  });
});
