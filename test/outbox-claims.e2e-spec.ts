import { DataSource } from 'typeorm';
import { OutboundMessage, SendResult } from '@app/channels';
import { ConversationTx, IngestService, Message, OutboxEntry, ReplyService } from '@app/conversations';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { createPostgresSchema } from './support/postgres';
import { ScriptedChannel, scriptedChannelType } from './support/scripted-channel';
import { eventually, startTestApp, TestApp } from './support/test-app';

const CONFIG = `
channels:
  - id: peer
    type: scripted
outbox:
  retryBaseMs: 40
  retryMaxMs: 200
  pollMs: 30
  claimLeaseMs: 10000
`;
const REPLIES = 50;

/** A peer that takes a few milliseconds per send, so two relays' passes overlap. */
class SlowChannel extends ScriptedChannel {
  async send(message: OutboundMessage): Promise<SendResult> {
    await new Promise((r) => setTimeout(r, 3));
    return super.send(message);
  }
}

/** Two worker processes on one PostgreSQL schema share one outbox: every row is sent once, by whoever claims it. */
describe('outbox claims with two workers on one PostgreSQL schema', () => {
  let schema: Awaited<ReturnType<typeof createPostgresSchema>>;
  const peers = [new SlowChannel('peer', []), new SlowChannel('peer', [])];
  const apps: TestApp[] = [];

  beforeAll(async () => {
    schema = await createPostgresSchema();
    for (const peer of peers) {
      apps.push(await startTestApp({
        configYaml: CONFIG, databaseUrl: schema.url, env: { INBOX_ROLE: 'worker' },
        channelTypes: [scriptedChannelType(peer)],
      }));
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.destroy();
    await schema?.drop();
  });

  const sentIds = () => peers.flatMap((p) => p.sent.map((m) => m.messageId));

  it('sends each of 50 replies written through both processes exactly once', async () => {
    const conversations: number[] = [];
    for (let i = 0; i < 5; i++) {
      conversations.push((await apps[0].app.get(IngestService).ingest({
        channelId: 'peer', externalId: `claims-${i}:1`, sender: { externalId: `claims-visitor-${i}` }, text: 'help',
      })).conversationId);
    }
    const written = await Promise.all(Array.from({ length: REPLIES }, (_, i) =>
      apps[i % 2].app.get(ReplyService).reply(conversations[i % conversations.length], null, `answer ${i}`, 'reply')));
    const ids = written.map((m) => m.id).sort((a, b) => a - b);

    const db = apps[0].app.get(DataSource);
    // Every outbox row: the 50 replies and any automatic notice the new chats got.
    const all = async () => (await db.getRepository(OutboxEntry).find()).map((r) => r.messageId).sort((a, b) => a - b);
    expect(await all()).toEqual(expect.arrayContaining(ids));
    await eventually(async () => expect(sentIds().length).toBeGreaterThanOrEqual((await all()).length), 15_000);
    await new Promise((r) => setTimeout(r, 300)); // a double send would land now
    expect(sentIds().sort((a, b) => a - b)).toEqual(await all());
    expect(peers.every((p) => p.sent.length > 0)).toBe(true); // both relays took part
    const rows = await db.getRepository(OutboxEntry).find();
    expect(rows.map((r) => [r.status, r.attempts, r.claimedBy])).toEqual(rows.map(() => ['done', 1, null]));
    const messages = await db.getRepository(Message).findBy(ids.map((id) => ({ id })));
    expect(new Set(messages.map((m) => m.deliveryStatus))).toEqual(new Set(['sent']));
  }, 30_000);

  it("sends a crashed owner's rows once its lease runs out, and never a live owner's", async () => {
    const uow = apps[1].app.get(UnitOfWork);
    const { conversationId } = await apps[1].app.get(IngestService).ingest({
      channelId: 'peer', externalId: 'claims-crash:1', sender: { externalId: 'claims-crash-visitor' }, text: 'help',
    });
    const leaseEnds = Date.now() + 1500;
    // Written and claimed in one transaction, as a process that claimed them and died (or still lives) would leave them.
    const [crashed, live] = await ConversationTx.within(uow, async (tx) => {
      const c = (await tx.conversation('id = ?', [conversationId]))!;
      const held: number[] = [];
      for (const [owner, until] of [['crashed-host:4242:dead', leaseEnds], ['live-host:4343:beef', Date.now() + 3_600_000]] as const) {
        const m = await tx.addMessage(c, { direction: 'out', body: `held by ${owner}`, authorId: null, automatic: false }, new Date());
        await tx.flush(); // the message and its outbox row are written (and the message's id set) at a flush
        await tx.sql.run(`UPDATE outbox SET status = 'sending', "claimedBy" = ?, "claimExpiresAt" = ? WHERE "messageId" = ?`, [owner, until, m.id]);
        held.push(m.id);
      }
      return held;
    });

    await eventually(() => expect(sentIds()).toContain(crashed), 10_000);
    expect(Date.now()).toBeGreaterThanOrEqual(leaseEnds);
    await new Promise((r) => setTimeout(r, 1500)); // several passes of both relays
    expect(sentIds().filter((id) => id === crashed)).toHaveLength(1);
    expect(sentIds()).not.toContain(live);
    const db = apps[0].app.get(DataSource);
    expect(await db.getRepository(OutboxEntry).findOneByOrFail({ messageId: live })).toMatchObject({ status: 'sending', claimedBy: 'live-host:4343:beef', attempts: 0 });
    expect(await db.getRepository(OutboxEntry).findOneByOrFail({ messageId: crashed })).toMatchObject({ status: 'done', claimedBy: null, attempts: 1 });
  }, 30_000);
});
