import request from 'supertest';
import { Clock } from '@app/platform/clock/clock';
import { adminAuth, agentNotices, createAgent, visitorWrites } from './support/agents';
import { configYaml, quietWebchatPolicy, webchatChannel } from './support/config-yaml';
import { FakeClock } from './support/fake-clock';
import { appPerTest, eventually, TestApp } from './support/test-app';

const CONFIG = configYaml({ channels: [webchatChannel()], policies: quietWebchatPolicy({ firstResponse: '1h', pauseWhilePending: 'on' }) });
const T0 = new Date('2026-11-30T10:00:00Z');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

describe('snooze until a time', () => {
  const { startApp, sockets } = appPerTest();
  let t: TestApp | null = null;
  let clock: FakeClock;

  /** Starts the server on a fake clock at `now`; a restart starts it on the folder (the database) of the one before. */
  async function start(now: Date, restart = false): Promise<TestApp> {
    clock = new FakeClock(now);
    t = await startApp({ configYaml: CONFIG, dir: restart ? t!.dir : undefined, customize: (b) => b.overrideProvider(Clock).useValue(clock) });
    return t;
  }
  const conversation = async (id: number) => (await request(t!.url).get(`/api/conversations/${id}`).set(adminAuth).expect(200)).body;
  const setStatus = (id: number, body: object, token?: string) =>
    request(t!.url).post(`/api/conversations/${id}/status`).set(token ? { Authorization: `Bearer ${token}` } : adminAuth).send(body);
  const listen = (token: string) => agentNotices(t!.url, token, sockets);

  it('refuses a snooze without a future moment, naming the field', async () => {
    await start(T0);
    const id = await visitorWrites(t!.url, 'snooze-visitor-0', 'Здравствуйте', '1');
    expect((await setStatus(id, { status: 'snoozed' }).expect(400)).body.fields).toEqual(['until']);
    expect((await setStatus(id, { status: 'snoozed', until: at(-1000) }).expect(400)).body.fields).toEqual(['until']);
    expect((await setStatus(id, { status: 'snoozed', until: 'tomorrow' }).expect(400)).body.fields).toEqual(['until']);
    expect((await setStatus(id, { status: 'open', until: at(60_000) }).expect(400)).body.fields).toEqual(['until']);
    await request(t!.url).post(`/api/conversations/${id}/status`).send({ status: 'snoozed', until: at(60_000) }).expect(401);
  });

  it('reopens once at its time, back to its assignee, who is notified; the SLA clock pauses meanwhile', async () => {
    await start(T0);
    const anna = await createAgent(t!.url, 'Анна Смирнова', 'anna@example.com');
    const notices = await listen(anna.token);
    const id = await visitorWrites(t!.url, 'snooze-visitor-1', 'Когда придёт заказ?', '1');
    await request(t!.url).post(`/api/conversations/${id}/assign`).set(adminAuth).send({ agentId: anna.id }).expect(200);
    const dueBefore = (await conversation(id)).dueAt;
    expect(dueBefore).toBe(at(3_600_000));

    const snoozed = (await setStatus(id, { status: 'snoozed', until: at(1500) }, anna.token).expect(200)).body;
    expect(snoozed).toMatchObject({ status: 'snoozed', snoozedUntil: at(1500), dueAt: null, assigneeId: anna.id });

    await sleep(800);
    expect((await conversation(id)).status).toBe('snoozed'); // not before its time
    clock.set(new Date(T0.getTime() + 1500));
    const woken = await eventually(async () => {
      const c = await conversation(id);
      expect(c.status).toBe('open');
      return c;
    }, 4000);
    expect(woken).toMatchObject({ assigneeId: anna.id, snoozedUntil: null });
    // 1.5 s of the hour ran while snoozed: the deadline moved by that much.
    expect(woken.dueAt).toBe(at(3_600_000 + 1500));
    await eventually(() => expect(notices).toEqual([expect.objectContaining({ kind: 'snooze.woke', conversationId: id, agentId: anna.id })]));
    await sleep(1000);
    expect(notices).toHaveLength(1); // once
  });

  it('a customer message reopens it earlier, and the timer then does nothing', async () => {
    await start(T0);
    const anna = await createAgent(t!.url, 'Анна Смирнова', 'anna@example.com');
    const notices = await listen(anna.token);
    const id = await visitorWrites(t!.url, 'snooze-visitor-2', 'Жду ответа', '1');
    await request(t!.url).post(`/api/conversations/${id}/assign`).set(adminAuth).send({ agentId: anna.id }).expect(200);
    await setStatus(id, { status: 'snoozed', until: at(1200) }).expect(200);

    await visitorWrites(t!.url, 'snooze-visitor-2', 'Вы тут?', '2');
    expect(await conversation(id)).toMatchObject({ status: 'open', snoozedUntil: null });
    await setStatus(id, { status: 'pending' }).expect(200); // the agent answered and waits for the customer

    clock.set(new Date(T0.getTime() + 1200));
    await sleep(2000); // the old timer's moment passes
    expect((await conversation(id)).status).toBe('pending');
    expect(notices).toEqual([]);
  });

  it('fires after a restart: one that fell due while down at start, one later at its time, each once', async () => {
    await start(T0);
    const anna = await createAgent(t!.url, 'Анна Смирнова', 'anna@example.com');
    const early = await visitorWrites(t!.url, 'snooze-visitor-3', 'Первый', '1');
    const later = await visitorWrites(t!.url, 'snooze-visitor-4', 'Второй', '1');
    for (const id of [early, later]) await request(t!.url).post(`/api/conversations/${id}/assign`).set(adminAuth).send({ agentId: anna.id }).expect(200);
    await setStatus(early, { status: 'snoozed', until: at(800) }).expect(200);
    await setStatus(later, { status: 'snoozed', until: at(3500) }).expect(200);
    await t!.close(); // before either fires

    await sleep(1000);
    await start(new Date(T0.getTime() + 1000), true);
    const notices = await listen(anna.token);
    await eventually(async () => expect((await conversation(early)).status).toBe('open'), 3000);
    expect((await conversation(later)).status).toBe('snoozed');
    clock.set(new Date(T0.getTime() + 3500));
    await eventually(async () => expect((await conversation(later)).status).toBe('open'), 5000);
    await eventually(() => expect(notices.filter((n) => n.conversationId === later)).toHaveLength(1));
    await sleep(800);
    expect(notices.filter((n) => n.conversationId === later)).toHaveLength(1);
    expect(notices.filter((n) => n.conversationId === early).length).toBeLessThanOrEqual(1);
  }, 30_000);
});
