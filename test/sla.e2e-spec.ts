import request from 'supertest';
import { DataSource } from 'typeorm';
import { IngestService } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { SlaEventRecord } from '@app/sla';
import { realtimeSocket } from './support/agents';
import { FakeClock } from './support/fake-clock';
import { ADMIN_TOKEN, appPerTest, eventually, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
/** A visitor (by the test's name for them) sends a message. */
const say = async (t: TestApp, name: string, text: string, id = '1', status = 201) => (await visitor(t.url, name)).send({ text, clientMessageId: id }).expect(status);

function webchatWith(policy: string, outbox = 'outbox:\n  retryBaseMs: 50\n  pollMs: 50\n'): string {
  return `channels:\n  - id: webchat\n    type: webchat\npolicies:\n  webchat:\n${policy.replace(/^/gm, '    ')}\n${outbox}`;
}

async function visitorHistory(t: TestApp, visitorId: string): Promise<Array<{ direction: string; text: string }>> {
  return (await (await visitor(t.url, visitorId)).history().expect(200)).body.items;
}

describe('SLA clock', () => {
  const { startApp, sockets } = appPerTest();

  it('fires the warning and the breach within a second of their moments, to agents and as stored events', async () => {
    const t = await startApp({ configYaml: webchatWith('firstResponse: 2s\nnextResponse: 2s\nwarnAt: 0.5\nhighLoadNotice: off') });
    const socket = await realtimeSocket(t.url, { token: ADMIN_TOKEN });
    sockets.push(socket);
    const received: Array<{ kind: string; at: number; alert: { conversationId: number; target: string; dueAt: string } }> = [];
    socket.on('sla.warning', (alert) => received.push({ kind: 'warning', at: Date.now(), alert }));
    socket.on('sla.breached', (alert) => received.push({ kind: 'breached', at: Date.now(), alert }));

    const sent = await say(t, 'visitor-sla-0001', 'hello?');
    const conversation = (await request(t.url).get(`/api/conversations/${sent.body.conversationId}`).set(auth)).body;
    const warnAt = Date.parse(conversation.warnAt);
    const dueAt = Date.parse(conversation.dueAt);
    expect(dueAt - Date.parse(conversation.createdAt)).toBe(2000);
    expect(dueAt - warnAt).toBe(1000);
    expect(conversation.slaState).toBe('ok');

    await eventually(() => expect(received.map((r) => r.kind)).toEqual(['warning', 'breached']), 5000);
    const [warning, breach] = received;
    expect(warning.at - warnAt).toBeGreaterThanOrEqual(0);
    expect(warning.at - warnAt).toBeLessThan(1000);
    expect(breach.at - dueAt).toBeGreaterThanOrEqual(0);
    expect(breach.at - dueAt).toBeLessThan(1000);
    expect(breach.alert).toMatchObject({ conversationId: sent.body.conversationId, target: 'firstResponse', dueAt: conversation.dueAt });

    const after = (await request(t.url).get(`/api/conversations/${sent.body.conversationId}`).set(auth)).body;
    expect(after.slaState).toBe('breached');
    const breaching = await request(t.url).get('/api/conversations?breaching=true').set(auth).expect(200);
    expect(breaching.body.items.map((c: { id: number }) => c.id)).toEqual([sent.body.conversationId]);
    const stored = await t.app.get(DataSource).getRepository(SlaEventRecord).find({ order: { id: 'ASC' } });
    expect(stored.map((e) => [e.kind, e.target])).toEqual([['warning', 'firstResponse'], ['breached', 'firstResponse']]);

    // The agent answers late: the target is recorded as missed, the deadline is gone.
    await request(t.url).post(`/api/conversations/${sent.body.conversationId}/messages`).set(auth).send({ body: 'sorry for the wait' }).expect(201);
    const answered = (await request(t.url).get(`/api/conversations/${sent.body.conversationId}`).set(auth)).body;
    expect(answered).toMatchObject({ dueAt: null, slaState: 'ok' });
    expect(answered.firstRespondedAt).not.toBeNull();
    const report = await request(t.url).get('/api/reports/sla').set(auth).expect(200);
    expect(report.body.channels[0]).toMatchObject({ channelId: 'webchat', met: 0, missed: 1, breaches: 1, warnings: 1, shareMet: 0 });
  });

  it('does not fire for a conversation answered in time', async () => {
    const t = await startApp({ configYaml: webchatWith('firstResponse: 1500ms\nwarnAt: 0.5\nhighLoadNotice: off') });
    const socket = await realtimeSocket(t.url, { token: ADMIN_TOKEN });
    sockets.push(socket);
    const alerts: string[] = [];
    socket.on('sla.warning', () => alerts.push('warning'));
    socket.on('sla.breached', () => alerts.push('breached'));
    const sent = await say(t, 'visitor-sla-0002', 'hi');
    await request(t.url).post(`/api/conversations/${sent.body.conversationId}/messages`).set(auth).send({ body: 'hello!' }).expect(201);
    await new Promise((r) => setTimeout(r, 2000));
    expect(alerts).toEqual([]);
    const report = await request(t.url).get('/api/reports/sla').set(auth).expect(200);
    expect(report.body.total).toMatchObject({ met: 1, missed: 0, breaches: 0, shareMet: 1 });
    expect(report.body.agents).toEqual([expect.objectContaining({ met: 1 })]);
    expect(report.body.total.firstResponse.count).toBe(1);
  });

  it('fires at start the deadlines that passed while the server was down', async () => {
    const config = webchatWith('firstResponse: 1s\nwarnAt: 0.5\nhighLoadNotice: off');
    let t = await startApp({ configYaml: config });
    const sent = await say(t, 'visitor-sla-0003', 'anyone?');
    await t.close();
    await new Promise((r) => setTimeout(r, 1500));

    const startedAt = Date.now();
    t = await startApp({ configYaml: config, dir: t.dir });
    const db = t.app.get(DataSource);
    const events = await eventually(async () => {
      const rows = await db.getRepository(SlaEventRecord).find({ where: { conversationId: sent.body.conversationId }, order: { id: 'ASC' } });
      expect(rows.map((r) => r.kind)).toEqual(['warning', 'breached']);
      return rows;
    });
    expect(events[1].at.getTime() - startedAt).toBeLessThan(1000 + 1000); // start-up itself plus the one-second promise
    expect((await request(t.url).get(`/api/conversations/${sent.body.conversationId}`).set(auth)).body.slaState).toBe('breached');
  });
});

describe('the acknowledgement', () => {
  let t: TestApp | null = null;
  afterEach(async () => {
    await t?.destroy();
    t = null;
  });

  // 12 hours of business time, Mon–Fri 09:00–18:00 in Moscow, as an e-mail desk would promise.
  const POLICY = `firstResponse: 12h
nextResponse: 12h
highLoadNotice: off
businessHours:
  timeZone: Europe/Moscow
  weekly: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'] }
  holidays: ['2026-12-31']
autoAcknowledge:
  enabled: true
  perSenderWindow: 24h`;

  async function start(at: string): Promise<FakeClock> {
    const clock = new FakeClock(new Date(at));
    t = await startTestApp({ configYaml: webchatWith(POLICY), customize: (b) => b.overrideProvider(Clock).useValue(clock) });
    return clock;
  }

  it('names the deadline computed from business hours: a message on Friday at 17:59 is answered by Tuesday 11:59', async () => {
    await start('2026-11-27T14:59:00Z'); // Friday 17:59 in Moscow
    await say(t!, 'visitor-ack-0001', 'Письмо в пятницу вечером');
    const history = await eventually(async () => {
      const items = await visitorHistory(t!, 'visitor-ack-0001');
      expect(items).toHaveLength(2);
      return items;
    });
    expect(history[1].direction).toBe('out');
    expect(history[1].text).toContain('ответим до вторник 1 декабря 11:59 (Europe/Moscow)');
    expect(history[1].text).toContain('will answer by Tuesday 1 December 11:59 (Europe/Moscow)');
  });

  it('inside business hours: a message on Tuesday at 10:00 is answered by Wednesday 13:00', async () => {
    await start('2026-11-24T07:00:00Z'); // Tuesday 10:00 in Moscow
    const sent = await say(t!, 'visitor-ack-0002', 'Вопрос по счёту');
    const history = await eventually(async () => {
      const items = await visitorHistory(t!, 'visitor-ack-0002');
      expect(items).toHaveLength(2);
      return items;
    });
    expect(history[1].text).toContain('Wednesday 25 November 13:00 (Europe/Moscow)');
    const messages = (await request(t!.url).get(`/api/conversations/${sent.body.conversationId}/messages`).set(auth)).body.items;
    expect(messages[1]).toMatchObject({ direction: 'out', automatic: true, authorId: null });
    // The acknowledgement is not an agent's response: the first-response deadline still stands.
    const conversation = (await request(t!.url).get(`/api/conversations/${sent.body.conversationId}`).set(auth)).body;
    expect(conversation).toMatchObject({ firstRespondedAt: null, dueAt: '2026-11-25T10:00:00.000Z', awaitingReply: true });
  });

  it('never acknowledges automatic mail, and a sender gets at most one within the window', async () => {
    const clock = await start('2026-11-24T07:00:00Z');
    const ingest = t!.app.get(IngestService);
    const auto = await ingest.ingest({ channelId: 'webchat', externalId: 'auto-1', sender: { externalId: 'visitor-auto-01' }, text: 'I am out of office', automatic: true });
    const first = await say(t!, 'visitor-ack-0003', 'first');
    await eventually(async () => expect(await visitorHistory(t!, 'visitor-ack-0003')).toHaveLength(2));

    await request(t!.url).post(`/api/conversations/${first.body.conversationId}/status`).set(auth).send({ status: 'resolved' }).expect(200);
    clock.set(new Date('2026-11-24T12:00:00Z'));
    const second = await say(t!, 'visitor-ack-0003', 'second, same day', '2');
    expect(second.body.conversationId).not.toBe(first.body.conversationId);
    clock.set(new Date('2026-11-26T12:00:00Z')); // two days later: outside the window again
    await request(t!.url).post(`/api/conversations/${second.body.conversationId}/status`).set(auth).send({ status: 'resolved' }).expect(200);
    const third = await say(t!, 'visitor-ack-0003', 'third, days later', '3');
    await eventually(async () => {
      const msgs = (await request(t!.url).get(`/api/conversations/${third.body.conversationId}/messages`).set(auth)).body.items;
      expect(msgs.map((m: { direction: string }) => m.direction)).toEqual(['in', 'out']);
    });
    const secondMessages = (await request(t!.url).get(`/api/conversations/${second.body.conversationId}/messages`).set(auth)).body.items;
    expect(secondMessages.map((m: { direction: string }) => m.direction)).toEqual(['in']);
    const autoMessages = (await request(t!.url).get(`/api/conversations/${auto.conversationId}/messages`).set(auth)).body.items;
    expect(autoMessages).toEqual([expect.objectContaining({ direction: 'in', automatic: true })]);
    const autoConversation = (await request(t!.url).get(`/api/conversations/${auto.conversationId}`).set(auth)).body;
    expect(autoConversation.dueAt).toBeNull();
  });
});

describe('the high-load notice', () => {
  const { startApp, sockets } = appPerTest();

  it('is sent once to a new chat when the queue per agent online exceeds what the target allows, and not otherwise', async () => {
    const t = await startApp({ configYaml: webchatWith('firstResponse: 5m\nhighLoadNotice:\n  enabled: true\n  chatsPerAgent: 1\n  language: en') });
    const notices = async (visitorId: string) => (await visitorHistory(t, visitorId)).filter((m) => m.direction === 'out');

    // Nobody online counts as one agent: the 1st and 2nd chat fit in 5 minutes, the 3rd does not.
    await say(t, 'visitor-load-0001', 'one');
    await say(t, 'visitor-load-0002', 'two');
    await say(t, 'visitor-load-0003', 'three');
    await eventually(async () => expect(await notices('visitor-load-0003')).toHaveLength(1));
    expect((await notices('visitor-load-0003'))[0].text).toBe('We are busier than usual right now: the answer will take about 10 minutes. We will reply right here.');
    expect(await notices('visitor-load-0001')).toHaveLength(0);
    expect(await notices('visitor-load-0002')).toHaveLength(0);

    // More messages in the same chat: no second notice.
    await say(t, 'visitor-load-0003', 'hello??', '2');
    await new Promise((r) => setTimeout(r, 200));
    expect(await notices('visitor-load-0003')).toHaveLength(1);

    // Three agents come online: four unanswered chats over three agents fit again... after one is answered.
    for (let i = 0; i < 3; i++) {
      const created = await request(t.url).post('/api/agents').set(auth).send({ name: `Agent ${i}`, email: `a${i}@example.com`, role: 'agent' }).expect(201);
      sockets.push(await realtimeSocket(t.url, { token: created.body.token }));
    }
    const list = (await request(t.url).get('/api/conversations').set(auth)).body.items;
    await request(t.url).post(`/api/conversations/${list[0].id}/messages`).set(auth).send({ body: 'answered' }).expect(201);
    await say(t, 'visitor-load-0004', 'four');
    await new Promise((r) => setTimeout(r, 300));
    expect(await notices('visitor-load-0004')).toHaveLength(0);
  });
});

describe('policies API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.destroy();
  });

  it('shows policies to agents, lets only ops change them, names a bad field, records who changed what', async () => {
    const agent = await request(t.url).post('/api/agents').set(auth).send({ name: 'A', email: 'a@example.com', role: 'agent' }).expect(201);
    const asAgent = { Authorization: `Bearer ${agent.body.token}` };
    const policies = await request(t.url).get('/api/policies').set(asAgent).expect(200);
    expect(policies.body.types.webchat).toMatchObject({ firstResponse: '5m', nextResponse: '10m', warnAt: 0.8 });
    expect(policies.body.types.email).toMatchObject({ firstResponse: '12h', autoAcknowledge: expect.objectContaining({ enabled: true }) });

    await request(t.url).put('/api/policies/webchat').set(asAgent).send({ firstResponse: '1m' }).expect(403);
    const bad = await request(t.url).put('/api/policies/webchat').set(auth).send({ firstResponse: 'soon' }).expect(400);
    expect(bad.body.fields).toEqual(['firstResponse']);
    expect(bad.body.message).toContain('expected a duration');
    await request(t.url).put('/api/policies/fax').set(auth).send({ firstResponse: '1m' }).expect(404);

    const before = await say(t, 'visitor-pol-0001', 'before');
    const changed = await request(t.url).put('/api/policies/webchat').set(auth).send({ firstResponse: '90s' }).expect(200);
    expect(changed.body.firstResponse).toBe('1m 30s');
    const after = await say(t, 'visitor-pol-0002', 'after');

    const c1 = (await request(t.url).get(`/api/conversations/${before.body.conversationId}`).set(auth)).body;
    const c2 = (await request(t.url).get(`/api/conversations/${after.body.conversationId}`).set(auth)).body;
    expect(Date.parse(c1.dueAt) - Date.parse(c1.createdAt)).toBe(5 * 60_000); // computed before the change: kept
    expect(Date.parse(c2.dueAt) - Date.parse(c2.createdAt)).toBe(90_000);

    const history = await request(t.url).get('/api/policies/webchat/history').set(auth).expect(200);
    const me = await request(t.url).get('/api/me').set(auth);
    expect(history.body.items).toEqual([expect.objectContaining({
      scope: 'webchat', agentId: me.body.agentId,
      before: expect.objectContaining({ firstResponse: '5m' }), after: expect.objectContaining({ firstResponse: '1m 30s' }),
    })]);

    // The change outlives a restart.
    await t.close();
    t = await startTestApp({ dir: t.dir });
    expect((await request(t.url).get('/api/policies').set(auth)).body.channels.webchat.firstResponse).toBe('1m 30s');
  });

  it('refuses a bad policy in the config file at boot, naming the key', async () => {
    const boot = startTestApp({ configYaml: 'channels:\n  - id: webchat\n    type: webchat\n    policy:\n      firstResponse: fast\npolicies:\n  email:\n    warnAt: 2\n' });
    const error = await boot.then(() => null, (err: Error) => err);
    expect(error?.message).toContain('channels[0].policy.firstResponse: expected a duration such as 90s, 5m, 12h or 2d, got "fast"');
    expect(error?.message).toContain('policies.email.warnAt: expected a fraction between 0 and 1');
  });

  it('refuses a template that does not parse, or names a variable its message lacks, at boot and through the API, naming the key and the line', async () => {
    const yaml = 'channels:\n  - id: webchat\n    type: webchat\npolicies:\n  email:\n    autoAcknowledge:\n      template:\n        ru: "Ответим до {{ dueAt"\n'
      + '  webchat:\n    highLoadNotice:\n      template: "Ждать {{ wiat }}"\n';
    const error = await startTestApp({ configYaml: yaml }).then(() => null, (err: Error) => err);
    expect(error?.message).toMatch(/policies\.email\.autoAcknowledge\.template\.ru: expected a template using \{\{ dueAt \}\}, \{\{ conversationId \}\} \(line 1: .*not closed/);
    expect(error?.message).toMatch(/policies\.webchat\.highLoadNotice\.template: expected a template using \{\{ wait \}\} \(line 1: unknown variable "wiat"/);

    const bad = await request(t.url).put('/api/policies/webchat').set(auth)
      .send({ highLoadNotice: { template: { en: 'Hello\nwait {{ wait | nope }}' } } }).expect(400);
    expect(bad.body.message).toMatch(/highLoadNotice\.template\.en: expected a template using \{\{ wait \}\} \(line 2: undefined filter: nope/);
    const good = await request(t.url).put('/api/policies/webchat').set(auth)
      .send({ highLoadNotice: { template: { en: 'About {{ wait | default: "a while" }}' } } }).expect(200);
    expect(good.body.highLoadNotice).toBeDefined();
  });
});
