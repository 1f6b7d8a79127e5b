import request from 'supertest';
import { AgentQueue } from '@app/routing';
import { auth, bearer, createAgent, routingConfig, sendChat, setAvailability, watch } from './support/routing-scenario';
import { eventually, startTestApp, TestApp } from './support/test-app';

const conversationOf = async (url: string, visitor: string) => {
  const items = (await request(url).get('/api/conversations?limit=100').set(auth).expect(200)).body.items;
  return items.find((c: { contact: { name: string } }) => c.contact.name === visitor);
};

describe('routing flows on SQLite: grace period, account owner, overflow, escalation, SLA rules', () => {
  let t: TestApp;

  afterEach(async () => {
    await t?.destroy();
  });

  it("returns an away agent's unanswered conversations to the queue after the grace period, and keeps answered ones", async () => {
    t = await startTestApp({ configYaml: routingConfig({ routing: { offlineGraceSeconds: 1 } }) });
    const anna = await createAgent(t.url, 'Anna', 3);
    const boris = await createAgent(t.url, 'Boris', 3);
    const team = (await request(t.url).post('/api/teams').set(auth).send({ name: 'Chat', channels: ['webchat'], assignment: 'auto', members: [{ agentId: anna.id }, { agentId: boris.id }] }).expect(201)).body;
    await setAvailability(t.url, anna.token, 'online');
    await sendChat(t.url, 'grace-1', 'hello');
    await sendChat(t.url, 'grace-2', 'hello');
    const [first, second] = await eventually(async () => {
      const list = [await conversationOf(t.url, 'grace-1'), await conversationOf(t.url, 'grace-2')];
      list.forEach((c) => expect(c.assigneeId).toBe(anna.id));
      return list;
    });
    await request(t.url).post(`/api/conversations/${first.id}/messages`).set(bearer(anna.token)).send({ body: 'Answered' }).expect(201);

    const offAt = Date.now();
    await setAvailability(t.url, anna.token, 'offline');
    // Within the grace period nothing moves.
    await new Promise((r) => setTimeout(r, 300));
    expect((await conversationOf(t.url, 'grace-2')).assigneeId).toBe(anna.id);
    await eventually(async () => expect((await conversationOf(t.url, 'grace-2')).assigneeId).toBeNull(), 5000);
    expect(Date.now() - offAt).toBeGreaterThanOrEqual(1000);
    expect((await conversationOf(t.url, 'grace-1')).assigneeId).toBe(anna.id);
    const history = (await request(t.url).get(`/api/conversations/${second.id}/routing`).set(auth).expect(200)).body;
    expect(history.team).toEqual({ id: team.id, name: 'Chat', line: 1 });
    expect(history.history.map((m: { kind: string }) => m.kind)).toEqual(['routed', 'returned']);

    // Boris comes online and takes it at once; Anna, offline, gets nothing new.
    await setAvailability(t.url, boris.token, 'online');
    await eventually(async () => expect((await conversationOf(t.url, 'grace-2')).assigneeId).toBe(boris.id), 2000);
  }, 30_000);

  it('an agent whose inbox disconnects loses its unanswered conversations after the grace period, not before', async () => {
    t = await startTestApp({ configYaml: routingConfig({ routing: { offlineGraceSeconds: 1 } }) });
    const anna = await createAgent(t.url, 'Anna', 3);
    await request(t.url).post('/api/teams').set(auth).send({ name: 'Chat', channels: ['webchat'], assignment: 'auto', members: [{ agentId: anna.id }] }).expect(201);
    const screen = await watch(t.url, anna.token);
    await setAvailability(t.url, anna.token, 'online');
    await sendChat(t.url, 'socket-1', 'hello');
    await eventually(async () => expect((await conversationOf(t.url, 'socket-1')).assigneeId).toBe(anna.id));
    screen.socket.disconnect();
    await new Promise((r) => setTimeout(r, 400));
    expect((await conversationOf(t.url, 'socket-1')).assigneeId).toBe(anna.id);
    await eventually(async () => expect((await conversationOf(t.url, 'socket-1')).assigneeId).toBeNull(), 5000);
    // Reconnecting makes her available again: the waiting conversation comes back to her.
    const again = await watch(t.url, anna.token);
    await eventually(async () => expect((await conversationOf(t.url, 'socket-1')).assigneeId).toBe(anna.id), 2000);
    again.socket.disconnect();
  }, 30_000);

  it("gives a customer's new conversation to the account owner first, and tells the owner; to the team when the owner is full", async () => {
    t = await startTestApp({ configYaml: routingConfig() });
    const member = await createAgent(t.url, 'Member', 3);
    const owner = await createAgent(t.url, 'Owner', 1);
    await request(t.url).post('/api/teams').set(auth).send({ name: 'Chat', channels: ['webchat'], assignment: 'auto', members: [{ agentId: member.id }] }).expect(201);
    await setAvailability(t.url, member.token, 'online');
    await setAvailability(t.url, owner.token, 'online');
    const ownerScreen = await watch(t.url, owner.token);
    try {
      await sendChat(t.url, 'vip-customer', 'first');
      const before = await eventually(async () => {
        const c = await conversationOf(t.url, 'vip-customer');
        expect(c.assigneeId).toBe(member.id);
        return c;
      });
      await request(t.url).patch(`/api/contacts/${before.contact.id}`).set(bearer(member.token)).send({ ownerId: owner.id }).expect(403);
      expect((await request(t.url).patch(`/api/contacts/${before.contact.id}`).set(auth).send({ ownerId: 'x' }).expect(400)).body.fields).toEqual(['ownerId']);
      await request(t.url).patch(`/api/contacts/${before.contact.id}`).set(auth).send({ ownerId: owner.id }).expect(200);
      await request(t.url).post(`/api/conversations/${before.id}/status`).set(auth).send({ status: 'resolved' }).expect(200);

      await sendChat(t.url, 'vip-customer', 'second');
      const second = await eventually(async () => {
        const c = await conversationOf(t.url, 'vip-customer');
        expect(c.id).not.toBe(before.id);
        expect(c.assigneeId).toBe(owner.id);
        return c;
      });
      await eventually(() => expect(ownerScreen.events.find((e) => e.event === 'notice' && e.payload.agentId === owner.id && e.payload.conversationId === second.id)).toBeDefined());
      expect((await request(t.url).get(`/api/conversations/${second.id}/routing`).set(auth).expect(200)).body.history.map((m: { kind: string }) => m.kind)).toEqual(['owner']);

      // The owner is full (capacity 1, holding that one): another of their customers goes to the team.
      await sendChat(t.url, 'vip-customer-2', 'hi');
      const other = await eventually(async () => {
        const c = await conversationOf(t.url, 'vip-customer-2');
        expect(c.assigneeId).toBe(member.id);
        return c;
      });
      await request(t.url).post(`/api/conversations/${other.id}/status`).set(auth).send({ status: 'resolved' }).expect(200);
      await request(t.url).patch(`/api/contacts/${other.contact.id}`).set(auth).send({ ownerId: owner.id }).expect(200);
      await sendChat(t.url, 'vip-customer-2', 'again');
      await eventually(async () => {
        const c = await conversationOf(t.url, 'vip-customer-2');
        expect(c.id).not.toBe(other.id);
        expect(c.assigneeId).toBe(member.id);
      });
    } finally {
      ownerScreen.socket.disconnect();
    }
  }, 30_000);

  it('moves a conversation left unassigned for overflowAfter to the overflow team, and the board shows it', async () => {
    t = await startTestApp({ configYaml: routingConfig() });
    const reserve = (await request(t.url).post('/api/teams').set(auth).send({ name: 'Reserve', line: 1 }).expect(201)).body;
    const main = (await request(t.url).post('/api/teams').set(auth)
      .send({ name: 'Main', line: 1, channels: ['webchat'], assignment: 'auto', overflowTeamId: reserve.id, overflowAfterSeconds: 1 }).expect(201)).body;
    await sendChat(t.url, 'peak-1', 'hello');
    const c = await eventually(async () => {
      const found = await conversationOf(t.url, 'peak-1');
      expect(found.teamId).toBe(main.id);
      return found;
    });
    await eventually(async () => expect((await conversationOf(t.url, 'peak-1')).teamId).toBe(reserve.id), 5000);
    const board = (await request(t.url).get('/api/teams/queues').set(auth).expect(200)).body.teams;
    expect(board).toEqual(expect.arrayContaining([
      expect.objectContaining({ teamId: reserve.id, waiting: 1, overflowed: 1 }),
      expect.objectContaining({ teamId: main.id, waiting: 0 }),
    ]));
    const history = (await request(t.url).get(`/api/conversations/${c.id}/routing`).set(auth).expect(200)).body.history;
    expect(history).toEqual([expect.objectContaining({ kind: 'overflow', fromTeamId: main.id, toTeamId: reserve.id })]);
    expect((await request(t.url).get(`/api/conversations?team=${reserve.id}`).set(auth).expect(200)).body.items.map((x: { id: number }) => x.id)).toEqual([c.id]);
    expect((await request(t.url).get('/api/conversations?team=x').set(auth).expect(400)).body.fields).toEqual(['team']);
  }, 30_000);

  it('an overflow timer set before a restart fires once after it', async () => {
    t = await startTestApp({ configYaml: routingConfig() });
    const reserve = (await request(t.url).post('/api/teams').set(auth).send({ name: 'Reserve' }).expect(201)).body;
    await request(t.url).post('/api/teams').set(auth).send({ name: 'Main', channels: ['webchat'], overflowTeamId: reserve.id, overflowAfterSeconds: 2 }).expect(201);
    await sendChat(t.url, 'restart-1', 'hello');
    const c = await conversationOf(t.url, 'restart-1');
    await t.close();
    await new Promise((r) => setTimeout(r, 2200));
    t = await startTestApp({ configYaml: routingConfig(), dir: t.dir });
    await eventually(async () => expect((await conversationOf(t.url, 'restart-1')).teamId).toBe(reserve.id), 3000);
    const history = (await request(t.url).get(`/api/conversations/${c.id}/routing`).set(auth).expect(200)).body.history;
    expect(history.map((m: { kind: string }) => m.kind)).toEqual(['overflow']);
  }, 30_000);

  it('a conversation handed over (the bot\'s entry point) joins the queue with its note and goes to an agent', async () => {
    t = await startTestApp({ configYaml: routingConfig() });
    const anna = await createAgent(t.url, 'Anna', 3);
    const chat = (await request(t.url).post('/api/teams').set(auth).send({ name: 'Chat', assignment: 'auto', members: [{ agentId: anna.id }] }).expect(201)).body;
    await setAvailability(t.url, anna.token, 'online');
    await sendChat(t.url, 'bot-customer', 'I need a person');
    const c = await conversationOf(t.url, 'bot-customer');
    expect(c).toMatchObject({ teamId: null, assigneeId: null }); // no team takes the channel: nothing routes it
    await t.app.get(AgentQueue).needsAgent(c.id, { teamId: chat.id, note: 'Asked about a refund twice' });
    await eventually(async () => expect(await conversationOf(t.url, 'bot-customer')).toMatchObject({ teamId: chat.id, assigneeId: anna.id }), 2000);
    const messages = (await request(t.url).get(`/api/conversations/${c.id}/messages`).set(auth).expect(200)).body.items;
    expect(messages[messages.length - 1]).toMatchObject({ direction: 'note', body: 'Asked about a refund twice' });
    const history = (await request(t.url).get(`/api/conversations/${c.id}/routing`).set(auth).expect(200)).body.history;
    expect(history.map((m: { kind: string }) => m.kind)).toEqual(['handover', 'routed']);
  }, 30_000);

  it('escalates to the next line with the note on top, unassigned, in the history', async () => {
    t = await startTestApp({ configYaml: routingConfig() });
    const first = await createAgent(t.url, 'First', 3);
    const line1 = (await request(t.url).post('/api/teams').set(auth).send({ name: 'Line 1', line: 1, channels: ['webchat'], assignment: 'auto', members: [{ agentId: first.id }] }).expect(201)).body;
    const line2 = (await request(t.url).post('/api/teams').set(auth).send({ name: 'Line 2', line: 2 }).expect(201)).body;
    await setAvailability(t.url, first.token, 'online');
    await sendChat(t.url, 'hard-question', 'my invoice is wrong');
    const c = await eventually(async () => {
      const found = await conversationOf(t.url, 'hard-question');
      expect(found.assigneeId).toBe(first.id);
      return found;
    });
    expect((await request(t.url).post(`/api/conversations/${c.id}/escalate`).set(bearer(first.token)).send({}).expect(400)).body.fields).toEqual(['note']);
    const escalated = (await request(t.url).post(`/api/conversations/${c.id}/escalate`).set(bearer(first.token))
      .send({ note: 'Invoice 42 double-charged; customer already sent the receipt' }).expect(200)).body;
    expect(escalated.conversation).toMatchObject({ teamId: line2.id, assigneeId: null });
    expect(escalated.routing.team).toEqual({ id: line2.id, name: 'Line 2', line: 2 });
    expect(escalated.routing.escalation).toMatchObject({ kind: 'escalation', fromTeamId: line1.id, toTeamId: line2.id, agentId: first.id, note: 'Invoice 42 double-charged; customer already sent the receipt' });
    const messages = (await request(t.url).get(`/api/conversations/${c.id}/messages`).set(auth).expect(200)).body.items;
    expect(messages[messages.length - 1]).toMatchObject({ direction: 'note', body: 'Invoice 42 double-charged; customer already sent the receipt', authorId: first.id });
    // Nothing after line 2: the caller must name a team.
    expect((await request(t.url).post(`/api/conversations/${c.id}/escalate`).set(auth).send({ note: 'again' }).expect(400)).body.fields).toEqual(['teamId']);
    expect((await request(t.url).post(`/api/conversations/${c.id}/escalate`).set(auth).send({ note: 'back', teamId: 999 }).expect(400)).body.fields).toEqual(['teamId']);
    await request(t.url).post(`/api/conversations/${c.id}/escalate`).set(auth).send({ note: 'back to you', teamId: line1.id }).expect(200);
    const history = (await request(t.url).get(`/api/conversations/${c.id}/routing`).set(auth).expect(200)).body;
    expect(history.history.map((m: { kind: string }) => m.kind)).toEqual(['routed', 'escalation', 'escalation', 'routed']);
    expect(history.escalation.note).toBe('back to you');
  }, 30_000);

  it('an SLA breach rule moves the conversation to the named team and tells the team lead', async () => {
    t = await startTestApp({
      configYaml: routingConfig({ routing: { escalation: { webchat: { on: 'breach', moveTo: 'Duty managers', notifyLead: true } } } }, { firstResponse: '2s', warnAt: 0.5 }),
    });
    const lead = await createAgent(t.url, 'Lead', 3);
    const chat = (await request(t.url).post('/api/teams').set(auth).send({ name: 'Chat', channels: ['webchat'], members: [{ agentId: lead.id, lead: true }] }).expect(201)).body;
    const duty = (await request(t.url).post('/api/teams').set(auth).send({ name: 'Duty managers', line: 2 }).expect(201)).body;
    const leadScreen = await watch(t.url, lead.token);
    try {
      await sendChat(t.url, 'slow-answer', 'anyone?');
      const c = await eventually(async () => {
        const found = await conversationOf(t.url, 'slow-answer');
        expect(found.teamId).toBe(chat.id);
        return found;
      });
      await eventually(async () => expect((await conversationOf(t.url, 'slow-answer')).teamId).toBe(duty.id), 8000);
      const notice = await eventually(() => {
        const e = leadScreen.events.find((x) => x.event === 'notice' && x.payload.kind === 'sla-breach');
        expect(e).toBeDefined();
        return e!.payload;
      });
      expect(notice).toMatchObject({ agentId: lead.id, conversationId: c.id });
      const routing = (await request(t.url).get(`/api/conversations/${c.id}/routing`).set(auth).expect(200)).body;
      expect(routing.history).toEqual([expect.objectContaining({ kind: 'sla-rule', fromTeamId: chat.id, toTeamId: duty.id })]);
      // The warning before it was not a rule's business (on: breach only).
      expect(leadScreen.events.filter((x) => x.event === 'notice' && x.payload.kind === 'sla-warning')).toEqual([]);
    } finally {
      leadScreen.socket.disconnect();
    }
  }, 30_000);
});
