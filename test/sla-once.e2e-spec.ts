import { DataSource } from 'typeorm';
import { IngestService } from '@app/conversations';
import { SlaEventRecord } from '@app/sla';
import { realtimeSocket } from './support/agents';
import { configYaml, quietWebchatPolicy, webchatChannel } from './support/config-yaml';
import { clusterOnPostgres } from './support/postgres';
import { ADMIN_TOKEN, eventually } from './support/test-app';

const CONFIG = configYaml({ channels: [webchatChannel()], policies: quietWebchatPolicy({ firstResponse: '6s', warnAt: 0.5 }) });
const CONVERSATIONS = 5;

/** Two processes hold the same deadlines (each its own SLA clock); every warning and breach is stored and pushed once. */
describe('SLA alerts with two processes on one PostgreSQL schema', () => {
  const { startApp, sockets } = clusterOnPostgres();

  it('fires each warning and each breach once, whichever process holds it', async () => {
    const apps = [await startApp({ configYaml: CONFIG })];
    const ids: number[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      ids.push((await apps[0].app.get(IngestService).ingest({
        channelId: 'webchat', externalId: `sla-once-${i}:1`, sender: { externalId: `sla-once-visitor-${i}` }, text: 'hello?',
      })).conversationId);
    }
    // The second process loads the same deadlines from the database at its start.
    apps.push(await startApp({ configYaml: CONFIG }));
    expect(apps.map((a) => a.app.get(DataSource).options.type)).toEqual(['postgres', 'postgres']);

    const received: Array<{ kind: string; conversationId: number; via: number }> = [];
    for (const [via, app] of apps.entries()) {
      const socket = await realtimeSocket(app.url, { token: ADMIN_TOKEN });
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
