import request from 'supertest';
import { DataSource } from 'typeorm';
import { OutboundMessage, SendResult } from '@app/channels';
import { IngestService, OutboxEntry } from '@app/conversations';
import { ScriptedChannel, scriptedChannelType } from './support/scripted-channel';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CONFIG = `
channels:
  - id: peer
    type: scripted
outbox:
  maxAttempts: 3
  retryBaseMs: 40
  retryMaxMs: 200
  pollMs: 20
`;

async function withChannel(channel: ScriptedChannel, extra: { dir?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  return startTestApp({
    configYaml: CONFIG,
    ...extra,
    channelTypes: [scriptedChannelType(channel)],
  });
}

/** The customer writes first (stored as the channel's adapter stores it: an API-only process runs no adapter). */
async function openConversation(t: TestApp): Promise<number> {
  const stored = await t.app.get(IngestService).ingest({ channelId: 'peer', externalId: 'in-1', sender: { externalId: 'customer-relay-01' }, text: 'help' });
  return stored.conversationId;
}

async function messageOf(t: TestApp, conversationId: number, id: number) {
  const res = await request(t.url).get(`/api/conversations/${conversationId}/messages`).set(auth).expect(200);
  return res.body.items.find((m: { id: number }) => m.id === id);
}

describe('outbox relay', () => {
  let t: TestApp | null = null;
  afterEach(async () => {
    await t?.destroy();
    t = null;
  });

  it('retries with backoff, marks the message failed with the reason after the last attempt, and sends it on retry', async () => {
    const channel = new ScriptedChannel('peer', ['connection reset', 'gateway timeout', 'peer is down']);
    t = await withChannel(channel);
    const conversationId = await openConversation(t);
    const reply = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'answer' }).expect(201);
    expect(reply.body.deliveryStatus).toBe('queued');

    const failed = await eventually(async () => {
      const m = await messageOf(t!, conversationId, reply.body.id);
      expect(m.deliveryStatus).toBe('failed');
      return m;
    });
    expect(failed.error).toBe('peer is down');
    expect(channel.attempts).toEqual([reply.body.id, reply.body.id, reply.body.id]);
    expect(channel.sent).toHaveLength(0);

    // The agent sees the failure and retries; the peer is back.
    const retried = await request(t.url).post(`/api/messages/${reply.body.id}/retry`).set(auth).expect(200);
    expect(retried.body).toMatchObject({ deliveryStatus: 'queued', error: null });
    const sent = await eventually(async () => {
      const m = await messageOf(t!, conversationId, reply.body.id);
      expect(m.deliveryStatus).toBe('sent');
      return m;
    });
    expect(sent.error).toBeNull();
    expect(channel.sent.map((m) => m.text)).toEqual(['answer']);
    await request(t.url).post(`/api/messages/${reply.body.id}/retry`).set(auth).expect(409);
  });

  it('shows the reason of a failed attempt while it is still being retried', async () => {
    const channel = new ScriptedChannel('peer', ['temporarily unavailable']);
    t = await withChannel(channel);
    const conversationId = await openConversation(t);
    const reply = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'x' }).expect(201);
    await eventually(async () => expect(channel.sent).toHaveLength(1));
    expect(channel.attempts).toHaveLength(2);
    expect((await messageOf(t, conversationId, reply.body.id)).deliveryStatus).toBe('sent');
  });

  it('stops at once on a permanent refusal', async () => {
    const channel = new ScriptedChannel('peer', ['permanent:the user blocked the bot']);
    t = await withChannel(channel);
    const conversationId = await openConversation(t);
    const reply = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'x' }).expect(201);
    const failed = await eventually(async () => {
      const m = await messageOf(t!, conversationId, reply.body.id);
      expect(m.deliveryStatus).toBe('failed');
      return m;
    });
    expect(failed.error).toBe('the user blocked the bot');
    expect(channel.attempts).toHaveLength(1);
  });

  it('loses nothing when the process dies between commit and send', async () => {
    // An API-only process commits the reply; no worker runs to send it, as if it died right after commit.
    const idle = new ScriptedChannel('peer', []);
    t = await withChannel(idle, { env: { INBOX_ROLE: 'api' } });
    const conversationId = await openConversation(t);
    const reply = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'survives' }).expect(201);
    // A second message was claimed by a worker that then died mid-send.
    const midSend = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'mid-send' }).expect(201);
    await t.app.get(DataSource).getRepository(OutboxEntry).update({ messageId: midSend.body.id }, { status: 'sending' });
    await t.close();
    expect(idle.attempts).toHaveLength(0);

    const channel = new ScriptedChannel('peer', []);
    t = await withChannel(channel, { dir: t.dir });
    await eventually(async () => expect(channel.sent.map((m) => m.text)).toEqual(['survives', 'mid-send']));
    expect((await messageOf(t, conversationId, reply.body.id)).deliveryStatus).toBe('sent');
    expect((await messageOf(t, conversationId, midSend.body.id)).deliveryStatus).toBe('sent');
  });

  it('does not count "database is locked" during a send as a failed attempt', async () => {
    // The peer's own bookkeeping hits a busy SQLite database once (as Telegram's stored progress could).
    const channel = new (class extends ScriptedChannel {
      private busy = true;
      async send(message: OutboundMessage): Promise<SendResult> {
        if (this.busy) {
          this.busy = false;
          this.attempts.push(message.messageId);
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        }
        return super.send(message);
      }
    })('peer', []);
    t = await withChannel(channel);
    const conversationId = await openConversation(t);
    const reply = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'despite the lock' }).expect(201);
    await eventually(async () => expect((await messageOf(t!, conversationId, reply.body.id)).deliveryStatus).toBe('sent'));
    expect(channel.attempts).toEqual([reply.body.id, reply.body.id]);
    const entry = await t.app.get(DataSource).getRepository(OutboxEntry).findOneByOrFail({ messageId: reply.body.id });
    expect(entry).toMatchObject({ status: 'done', attempts: 1, lastError: null });
  });

  it('never sends a note', async () => {
    const channel = new ScriptedChannel('peer', []);
    t = await withChannel(channel);
    const conversationId = await openConversation(t);
    await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'internal', kind: 'note' }).expect(201);
    await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'public' }).expect(201);
    await eventually(async () => expect(channel.sent).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 100));
    expect(channel.sent.map((m) => m.text)).toEqual(['public']);
  });
});
