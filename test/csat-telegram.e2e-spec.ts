import request from 'supertest';
import { configYaml, FAST_OUTBOX, telegramChannel } from './support/config-yaml';
import { callbackQueryUpdate, customer, FakeBot, FakeBotApi, FakeSent, messageUpdate } from './support/fake-bot-api';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TOKEN = '555555:AAH-csat_bot';
const ALL = 'open,pending,snoozed,resolved';
const FACES = ['🤩', '😀', '😐', '🙁', '😠'];

const configOf = (apiRoot: string, delay: string) => configYaml({
  channels: [telegramChannel(TOKEN, apiRoot, { csat: { enabled: true, question: { ru: 'Как мы справились?', en: 'How did we do?' }, delay } })],
  outbox: FAST_OUTBOX,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CSAT on Telegram: five faces as an inline keyboard after a resolve', () => {
  let fake: FakeBotApi;
  let bot: FakeBot;
  let t: TestApp;
  let agentId: number;
  let agentAuth: Record<string, string>;

  const start = async (delay: string, dir?: string) => {
    t = await startTestApp({ configYaml: configOf(fake.url, delay), dir });
  };
  const conversations = async () => (await request(t.url).get('/api/conversations').query({ status: ALL }).set(auth).expect(200)).body.items;
  const conversationOf = async (chat: number) => eventually(async () => {
    const found = (await conversations()).filter((c: { contact: { name: string } }) => c.contact.name === `Клиент ${chat}`);
    expect(found).toHaveLength(1);
    return found[0];
  });
  const setStatus = (id: number, status: string) => request(t.url).post(`/api/conversations/${id}/status`).set(auth).send({ status }).expect(200);
  const surveyOf = async (id: number) => (await request(t.url).get(`/api/conversations/${id}/csat`).set(auth).expect(200)).body.survey;
  const surveysSentTo = (chat: number) => bot.sent.filter((s) => s.chatId === String(chat) && s.replyMarkup?.inline_keyboard?.flat().some((b) => b.text === '🤩'));

  /** A customer writes, an agent holds and answers the conversation, and resolves it. */
  async function resolvedConversation(chat: number): Promise<number> {
    bot.enqueue(messageUpdate(customer(chat, { first_name: 'Клиент', last_name: String(chat) }), 1, { text: 'Не приходит код' }));
    const { id } = await conversationOf(chat);
    await request(t.url).post(`/api/conversations/${id}/assign`).set(auth).send({ agentId }).expect(200);
    await request(t.url).post(`/api/conversations/${id}/messages`).set(agentAuth).send({ body: 'Отправили код ещё раз' }).expect(201);
    await setStatus(id, 'resolved');
    return id;
  }

  beforeEach(async () => {
    fake = await FakeBotApi.start();
    bot = fake.addBot(TOKEN);
  });
  afterEach(async () => {
    await t.destroy();
    await fake.close();
  });

  async function makeAgent() {
    const made = await request(t.url).post('/api/agents').set(auth).send({ name: 'Ольга', email: 'olga@example.com', role: 'agent' }).expect(201);
    agentId = made.body.id;
    agentAuth = { Authorization: `Bearer ${made.body.token}` };
  }

  it('asks once after the delay; a press is the rating, credited to the agent, the next message its comment; nothing reopens, the SLA is untouched', async () => {
    await start('1s');
    await makeAgent();
    const id = await resolvedConversation(7001);
    expect(await surveyOf(id)).toMatchObject({ status: 'scheduled' });
    const asked: FakeSent = await eventually(() => {
      expect(surveysSentTo(7001)).toHaveLength(1);
      return surveysSentTo(7001)[0];
    }, 10_000);
    expect(asked.text).toBe('Как мы справились?');
    expect(asked.replyMarkup!.inline_keyboard!.flat().map((b) => b.text)).toEqual(FACES);
    const before = (await conversationOf(7001));

    bot.enqueue(callbackQueryUpdate(customer(7001), asked, asked.replyMarkup!.inline_keyboard![0][0].callback_data));
    await eventually(async () => expect(await surveyOf(id)).toMatchObject({ status: 'answered', rating: 5 }), 10_000);
    // The invitation to comment, then the comment itself, in the same (still resolved) conversation.
    await eventually(() => expect(bot.sent.filter((s) => s.chatId === '7001' && /комментарий|добавить/i.test(s.text ?? ''))).toHaveLength(1), 10_000);
    bot.enqueue(messageUpdate(customer(7001), 2, { text: 'Код пришёл, спасибо Ольге' }));
    await eventually(async () => expect(await surveyOf(id)).toMatchObject({ comment: 'Код пришёл, спасибо Ольге' }), 10_000);

    const after = await conversationOf(7001);
    expect(after).toMatchObject({ id, status: 'resolved', awaitingReply: false, dueAt: before.dueAt, slaState: before.slaState, waitingSince: before.waitingSince });
    expect(await conversations()).toHaveLength(1);

    // A reopen and a second resolve do not ask again.
    await setStatus(id, 'open');
    await setStatus(id, 'resolved');
    await sleep(1500);
    expect(surveysSentTo(7001)).toHaveLength(1);

    const report = (await request(t.url).get('/api/reports/csat').set(auth).expect(200)).body;
    expect(report).toMatchObject({ responses: 1, score: 1, comments: [{ conversationId: id, rating: 5, comment: 'Код пришёл, спасибо Ольге', agentId }] });
    expect(report.distribution[0]).toEqual({ rating: 5, count: 1 });
    // The agent sees their own figures; another agent's filter gives them the same.
    const own = (await request(t.url).get('/api/reports/csat').query({ agent: agentId + 100 }).set(agentAuth).expect(200)).body;
    expect(own.responses).toBe(1);
    const forOther = (await request(t.url).get('/api/reports/csat').query({ agent: agentId + 100 }).set(auth).expect(200)).body;
    expect(forOther.responses).toBe(0);
    await request(t.url).get('/api/reports/csat').query({ from: 'yesterday' }).set(auth).expect(400);
    await request(t.url).get('/api/reports/csat').expect(401);
  });

  it('does not ask when the conversation was reopened before the delay ran out', async () => {
    await start('2s');
    await makeAgent();
    const id = await resolvedConversation(7002);
    await setStatus(id, 'open');
    await sleep(3000);
    expect(surveysSentTo(7002)).toHaveLength(0);
    expect(await surveyOf(id)).toMatchObject({ status: 'cancelled' });
  });

  it('asks once after a restart when the timer was due while the server was down', async () => {
    await start('2s');
    await makeAgent();
    const id = await resolvedConversation(7003);
    const dir = t.dir;
    await t.close();
    await sleep(2500);
    await start('2s', dir);
    await eventually(() => expect(surveysSentTo(7003)).toHaveLength(1), 10_000);
    await sleep(1000);
    expect(surveysSentTo(7003)).toHaveLength(1);
    expect(await surveyOf(id)).toMatchObject({ status: 'sent' });
  });
});
