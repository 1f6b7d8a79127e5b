import request from 'supertest';
import { Socket } from 'socket.io-client';
import { Clock } from '@app/platform/clock/clock';
import { adminAuth, createAgent, realtimeSocket, visitorWrites } from './support/agents';
import { FakeClock } from './support/fake-clock';
import { eventually, startTestApp, TestApp } from './support/test-app';

const T0 = new Date('2026-11-30T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

interface Notice { kind: string; conversationId: number; agentId: number; text?: string; reminderId?: number; byAgentId?: number }

describe('reminders and mentions on notes; unread counts', () => {
  let t: TestApp | null = null;
  let dir: string | undefined;
  let clock: FakeClock;
  const sockets: Socket[] = [];

  async function start(now: Date): Promise<TestApp> {
    clock = new FakeClock(now);
    t = await startTestApp({ dir, customize: (b) => b.overrideProvider(Clock).useValue(clock) });
    dir = t.dir;
    return t;
  }
  async function listen(token: string): Promise<Notice[]> {
    const socket = await realtimeSocket(t!.url, { token });
    sockets.push(socket);
    const notices: Notice[] = [];
    socket.on('notice', (n: Notice) => notices.push(n));
    return notices;
  }
  const note = (id: number, token: string, body: object) => request(t!.url).post(`/api/conversations/${id}/messages`).set(bearer(token)).send({ kind: 'note', ...body });

  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await t?.destroy();
    t = null;
    dir = undefined;
  });

  it('a reminder fires at its time even though the customer wrote meanwhile, once, and is listed', async () => {
    await start(T0);
    const anna = await createAgent(t!.url, 'Анна Смирнова', 'anna@example.com');
    const boris = await createAgent(t!.url, 'Борис Котов', 'boris@example.com');
    const borisNotices = await listen(boris.token);
    const annaNotices = await listen(anna.token);
    const id = await visitorWrites(t!.url, 'remind-visitor-1', 'Верните деньги за заказ', '1');

    const created = await note(id, anna.token, { body: 'Проверить возврат после ответа банка', remindAt: at(1500), remindFor: boris.id }).expect(201);
    expect(created.body.direction).toBe('note');
    const upcoming = (await request(t!.url).get('/api/reminders?state=upcoming').set(bearer(boris.token)).expect(200)).body.items;
    expect(upcoming).toEqual([expect.objectContaining({ conversationId: id, agentId: boris.id, createdById: anna.id, remindAt: at(1500), firedAt: null, text: 'Проверить возврат после ответа банка' })]);
    expect((await request(t!.url).get('/api/reminders').set(bearer(anna.token)).expect(200)).body.items).toEqual([]); // for Boris only

    await visitorWrites(t!.url, 'remind-visitor-1', 'Есть новости?', '2'); // the customer writes in between
    clock.set(new Date(T0.getTime() + 1500));
    await eventually(() => expect(borisNotices).toEqual([expect.objectContaining({ kind: 'reminder', conversationId: id, agentId: boris.id, byAgentId: anna.id, text: 'Проверить возврат после ответа банка' })]), 4000);
    await sleep(800);
    expect(borisNotices).toHaveLength(1);
    expect(annaNotices).toEqual([]);
    const fired = (await request(t!.url).get('/api/reminders?state=fired').set(bearer(boris.token)).expect(200)).body.items;
    expect(fired).toEqual([expect.objectContaining({ conversationId: id, firedAt: at(1500) })]);
  });

  it('a reminder set before a restart fires after it, once', async () => {
    await start(T0);
    const anna = await createAgent(t!.url, 'Анна Смирнова', 'anna@example.com');
    const id = await visitorWrites(t!.url, 'remind-visitor-2', 'Позвоните мне завтра', '1');
    await note(id, anna.token, { body: 'Позвонить', remindAt: at(1500) }).expect(201);
    await t!.close();
    await start(new Date(T0.getTime() + 500));
    const notices = await listen(anna.token);
    clock.set(new Date(T0.getTime() + 1500));
    await eventually(() => expect(notices).toEqual([expect.objectContaining({ kind: 'reminder', conversationId: id, agentId: anna.id })]), 4000);
    await sleep(800);
    expect(notices).toHaveLength(1);
  });

  it('lists the pending reminders of a conversation; a cancelled one never fires, a moved one fires at its new moment only', async () => {
    await start(T0);
    const anna = await createAgent(t!.url, 'Анна Смирнова', 'anna@example.com');
    const boris = await createAgent(t!.url, 'Борис Котов', 'boris@example.com');
    const lead = await createAgent(t!.url, 'Ольга Лид', 'olga@example.com', 'ops');
    const notices = await listen(anna.token);
    const id = await visitorWrites(t!.url, 'remind-visitor-change', 'Где мой заказ?', '1');
    await note(id, anna.token, { body: 'Отменю это', remindAt: at(1000) }).expect(201);
    await note(id, anna.token, { body: 'Перенесу это', remindAt: at(1200) }).expect(201);
    await note(id, boris.token, { body: 'Напоминание Бориса', remindAt: at(1000) }).expect(201);
    const mine = (await request(t!.url).get(`/api/conversations/${id}/reminders`).set(bearer(anna.token)).expect(200)).body.items;
    expect(mine.map((r: { text: string; remindAt: string }) => [r.text, r.remindAt])).toEqual([['Отменю это', at(1000)], ['Перенесу это', at(1200)]]);
    const [cancelled, moved] = mine;
    const borisOwn = (await request(t!.url).get(`/api/conversations/${id}/reminders`).set(bearer(boris.token)).expect(200)).body.items[0];
    await request(t!.url).get('/api/conversations/99999/reminders').set(bearer(anna.token)).expect(404);

    // Only the agent it reminds, or ops, may change it; bad input names the field.
    await request(t!.url).delete(`/api/reminders/${cancelled.id}`).set(bearer(boris.token)).expect(403);
    await request(t!.url).patch(`/api/reminders/${moved.id}`).set(bearer(boris.token)).send({ remindAt: at(5000) }).expect(403);
    const bad = await request(t!.url).patch(`/api/reminders/${moved.id}`).set(bearer(anna.token)).send({ remindAt: 'tomorrow' }).expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('remindAt');
    const past = await request(t!.url).patch(`/api/reminders/${moved.id}`).set(bearer(anna.token)).send({ remindAt: at(-1000) }).expect(400);
    expect(JSON.stringify(past.body.message)).toContain('remindAt');
    await request(t!.url).delete('/api/reminders/99999').set(bearer(anna.token)).expect(404);

    await request(t!.url).delete(`/api/reminders/${cancelled.id}`).set(bearer(anna.token)).expect(204);
    await request(t!.url).delete(`/api/reminders/${cancelled.id}`).set(bearer(anna.token)).expect(404);
    const rescheduled = await request(t!.url).patch(`/api/reminders/${moved.id}`).set(bearer(anna.token)).send({ remindAt: at(3500) }).expect(200);
    expect(rescheduled.body).toMatchObject({ id: moved.id, remindAt: at(3500), firedAt: null, text: 'Перенесу это' });
    await request(t!.url).delete(`/api/reminders/${borisOwn.id}`).set(bearer(lead.token)).expect(204); // ops may
    expect((await request(t!.url).get(`/api/conversations/${id}/reminders`).set(bearer(anna.token)).expect(200)).body.items)
      .toEqual([expect.objectContaining({ id: moved.id, remindAt: at(3500) })]);

    // The old moments pass: neither the cancelled reminder nor the moved one's old timer fires.
    clock.set(new Date(T0.getTime() + 1500));
    await sleep(1500);
    expect(notices).toEqual([]);
    clock.set(new Date(T0.getTime() + 3500));
    await eventually(() => expect(notices).toEqual([expect.objectContaining({ kind: 'reminder', reminderId: moved.id, text: 'Перенесу это' })]), 5000);
    await sleep(800);
    expect(notices).toHaveLength(1);
    expect((await request(t!.url).get(`/api/conversations/${id}/reminders`).set(bearer(anna.token)).expect(200)).body.items).toEqual([]);
    await request(t!.url).patch(`/api/reminders/${moved.id}`).set(bearer(anna.token)).send({ remindAt: at(9000) }).expect(409);
    await request(t!.url).delete(`/api/reminders/${moved.id}`).set(bearer(anna.token)).expect(409);
  }, 30_000);

  it('refuses a bad reminder, naming the field', async () => {
    await start(T0);
    const anna = await createAgent(t!.url, 'Анна Смирнова', 'anna@example.com');
    const id = await visitorWrites(t!.url, 'remind-visitor-3', 'Вопрос', '1');
    const fields = async (body: object, kind = 'note') => (await request(t!.url).post(`/api/conversations/${id}/messages`).set(bearer(anna.token)).send({ kind, ...body }).expect(400)).body.fields;
    expect(await fields({ body: 'x', remindAt: 'soon' })).toEqual(['remindAt']);
    expect(await fields({ body: 'x', remindAt: at(-1000) })).toEqual(['remindAt']);
    expect(await fields({ body: 'x', remindAt: at(60_000) }, 'reply')).toEqual(['remindAt']);
    expect(await fields({ body: 'x', remindAt: at(60_000), remindFor: 999 })).toEqual(['remindFor']);
    await request(t!.url).get('/api/reminders').expect(401);
    await request(t!.url).get('/api/mentions').expect(401);
  });

  it('@name in a note notifies that agent and lists the conversation under Mentions', async () => {
    await start(T0);
    const anna = await createAgent(t!.url, 'Анна Смирнова', 'anna@example.com');
    const boris = await createAgent(t!.url, 'Борис Котов', 'boris@example.com');
    const borisNotices = await listen(boris.token);
    const annaNotices = await listen(anna.token);
    const id = await visitorWrites(t!.url, 'mention-visitor-1', 'Не работает оплата', '1');
    await note(id, anna.token, { body: '@Борис посмотри, пожалуйста, это по твоей части. @Анна — себе не надо' }).expect(201);

    await eventually(() => expect(borisNotices).toEqual([expect.objectContaining({ kind: 'mention', conversationId: id, agentId: boris.id, byAgentId: anna.id })]));
    const mentions = (await request(t!.url).get('/api/mentions').set(bearer(boris.token)).expect(200)).body.items;
    expect(mentions).toEqual([expect.objectContaining({ conversationId: id, byAgentId: anna.id, text: expect.stringContaining('@Борис') })]);
    expect((await request(t!.url).get('/api/mentions').set(bearer(anna.token)).expect(200)).body.items).toEqual([]); // the author is not notified of herself
    await sleep(300);
    expect(annaNotices).toEqual([]);
  });

  it('counts customer messages unread for the assignee until the assignee opens the conversation', async () => {
    await start(T0);
    const anna = await createAgent(t!.url, 'Анна Смирнова', 'anna@example.com');
    const boris = await createAgent(t!.url, 'Борис Котов', 'boris@example.com');
    const id = await visitorWrites(t!.url, 'unread-visitor-1', 'Первое', '1');
    const unread = async () => (await request(t!.url).get(`/api/conversations/${id}`).set(adminAuth).expect(200)).body.unreadCount;
    expect(await unread()).toBe(0); // nobody's yet
    await request(t!.url).post(`/api/conversations/${id}/assign`).set(adminAuth).send({ agentId: anna.id }).expect(200);
    expect(await unread()).toBe(1); // the customer waits: Anna has not seen it
    await visitorWrites(t!.url, 'unread-visitor-1', 'Второе', '2');
    await visitorWrites(t!.url, 'unread-visitor-1', 'Третье', '3');
    expect(await unread()).toBe(3);
    expect((await request(t!.url).post(`/api/conversations/${id}/read`).set(bearer(boris.token)).expect(200)).body).toEqual({ cleared: false });
    expect(await unread()).toBe(3); // only the assignee's opening counts
    expect((await request(t!.url).post(`/api/conversations/${id}/read`).set(bearer(anna.token)).expect(200)).body).toEqual({ cleared: true });
    expect(await unread()).toBe(0);
  });
});
