import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { IngestService } from '@app/conversations';
import { SlaEventRecord } from '@app/sla';
import { createPostgresSchema } from './support/postgres';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const CONFIG = `
channels:
  - id: webchat
    type: webchat
policies:
  webchat:
    firstResponse: 6s
    warnAt: 0.5
    highLoadNotice: off
`;
const CONVERSATIONS = 5;

function agentSocket(url: string): Promise<Socket> {
  const socket = io(`${url}/realtime`, { auth: { token: ADMIN_TOKEN }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Two processes hold the same deadlines (each its own SLA clock); every warning and breach is stored and pushed once. */
describe('SLA alerts with two processes on one PostgreSQL schema', () => {
  let schema: Awaited<ReturnType<typeof createPostgresSchema>>;
  const apps: TestApp[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    schema = await createPostgresSchema();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    for (const app of apps) await app.destroy();
    await schema?.drop();
  });

  it('fires each warning and each breach once, whichever process holds it', async () => {
    apps.push(await startTestApp({ configYaml: CONFIG, databaseUrl: schema.url }));
    const ids: number[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      ids.push((await apps[0].app.get(IngestService).ingest({
        channelId: 'webchat', externalId: `sla-once-${i}:1`, sender: { externalId: `sla-once-visitor-${i}` }, text: 'hello?',
      })).conversationId);
    }
    // The second process loads the same deadlines from the database at its start.
    apps.push(await startTestApp({ configYaml: CONFIG, databaseUrl: schema.url }));
    expect(apps.map((a) => a.app.get(DataSource).options.type)).toEqual(['postgres', 'postgres']);

    const received: Array<{ kind: string; conversationId: number; via: number }> = [];
    for (const [via, app] of apps.entries()) {
      const socket = await agentSocket(app.url);
      sockets.push(socket);
      socket.on('sla.warning', (a: { conversationId: number }) => received.push({ kind: 'warning', conversationId: a.conversationId, via }));
      socket.on('sla.breached', (a: { conversationId: number }) => received.push({ kind: 'breached', conversationId: a.conversationId, via }));
    }

    const expected = ids.flatMap((id) => [`warning ${id}`, `breached ${id}`]).sort();
    const db = apps[0].app.get(DataSource);
    const stored = async () => (await db.getRepository(SlaEventRecord).findBy({ kind: 'breached' })).length;
    await eventually(async () => expect(await stored()).toBe(CONVERSATIONS), 15_000);
    await new Promise((r) => setTimeout(r, 1000)); // a second firing would land now
    const events = await db.getRepository(SlaEventRecord).find();
    expect(events.map((e) => `${e.kind} ${e.conversationId}`).sort()).toEqual(expected);
    // Each process pushes only what it fired (the cluster's event bus fans out); together, every alert once.
    expect(received.map((r) => `${r.kind} ${r.conversationId}`).sort()).toEqual(expected);
  }, 40_000);
});
