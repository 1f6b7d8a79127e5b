import request from 'supertest';
import { DataSource } from 'typeorm';
import { createPostgresSchema } from './support/postgres';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

const CONFIG = `
channels:
  - id: webchat
    type: webchat
    name: Web chat
    bot:
      maxAnswers: 2
policies:
  webchat:
    firstResponse: 5m
    nextResponse: 10m
    highLoadNotice: off
outbox: { retryBaseMs: 50, retryMaxMs: 200, pollMs: 50 }
`;

interface Msg { id: number; direction: string; body: string; automatic: boolean; authorId: number | null }

async function publish(t: TestApp, title: string, body: string, language = 'ru') {
  await request(t.url).post('/api/kb/articles').set(auth).send({ title, body, category: 'Оплата', language, status: 'published' }).expect(201);
}

describe.each([['SQLite', false], ['PostgreSQL', true]])('the bot on the web chat (%s)', (_name, postgres) => {
  let t: TestApp;
  let dropSchema: (() => Promise<void>) | null = null;
  let n = 0;
  /** The visitor the test calls `name` (a token from POST /webchat/session, one per name and server). */
  const theVisitor = (name: string) => visitor(t.url, name);
  const say = async (name: string, text: string) =>
    (await theVisitor(name)).send({ text, name: 'Мария', clientMessageId: `m${++n}` }).expect(201).then((r) => r.body.conversationId as number);
  /** The visitor presses a button of the message `replyTo`. */
  const press = async (name: string, replyTo: number, choiceId: string) =>
    (await theVisitor(name)).send({ choiceId, replyTo, clientMessageId: `m${++n}` }).expect(201);
  const messages = async (id: number): Promise<Msg[]> => (await request(t.url).get(`/api/conversations/${id}/messages`).set(auth).expect(200)).body.items;
  const conversation = async (id: number) => (await request(t.url).get(`/api/conversations/${id}`).set(auth).expect(200)).body;
  /** What the visitor sees, once `count` messages are there. */
  const visitorSees = (name: string, count: number) => eventually(async () => {
    const res = await (await theVisitor(name)).history().expect(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(count);
    return res.body.items as Array<{ id: number; direction: string; text: string; choices: Array<{ id: string; label: string }> | null }>;
  });

  beforeEach(async () => {
    const schema = postgres ? await createPostgresSchema() : null;
    dropSchema = schema?.drop ?? null;
    t = await startTestApp({ configYaml: CONFIG, databaseUrl: schema?.url });
    await publish(t, 'Оплата банковской картой', 'Мы принимаем карты Visa, Mastercard и «Мир». Оплатить можно при оформлении заказа.');
    await publish(t, 'Что делать, если принтер не печатает чеки', 'Проверьте бумагу и перезапустите кассу. Если не помогло, обновите драйвер принтера.');
  });
  afterEach(async () => {
    await t.destroy();
    await dropSchema?.();
  });

  it('says it is a bot and how to reach a person, answers with the best article, and closes the conversation on "yes"', async () => {
    const id = await say('visitor-bot-0001', 'Здравствуйте, у меня не печатает принтер чеки');
    const seen = await visitorSees('visitor-bot-0001', 4);
    expect(seen[1].text).toMatch(/бот/);
    expect(seen[1].text).toMatch(/нажмите «Позвать оператора» или напишите «оператор»/);
    expect(seen[1].choices).toEqual([{ id: 'person', label: 'Позвать оператора' }]);
    expect(seen[2].text).toMatch(/^Что делать, если принтер не печатает чеки/);
    expect(seen[2].text).toContain('/help/articles/');
    expect(seen[3].text).toBe('Это помогло?');
    expect(seen[3].choices!.map((c) => c.id)).toEqual(['yes', 'no', 'person']);
    // Nobody waits for an agent while the bot holds it: no SLA clock, not awaiting a reply.
    expect(await conversation(id)).toMatchObject({ status: 'open', awaitingReply: false, firstResponseDueAt: null, dueAt: null, bot: { state: 'active' } });

    await say('visitor-bot-0001', 'Да, спасибо!');
    await eventually(async () => expect(await conversation(id)).toMatchObject({ status: 'resolved', bot: { state: 'resolved', handoverReason: null } }));
    const seenAfter = await visitorSees('visitor-bot-0001', 6);
    expect(seenAfter[5].text).toMatch(/Рад, что помог/);
  });

  it('keeps what the bot holds out of the default list and shows it on ?bot=only; assigning one takes it over from the bot', async () => {
    const held = await say('visitor-bot-0101', 'Как оплатить картой?');
    await visitorSees('visitor-bot-0101', 4);
    const handed = await say('visitor-bot-0102', 'Позовите оператора');
    await eventually(async () => expect((await conversation(handed)).bot).toMatchObject({ state: 'handed_over' }));
    const ids = async (query = '') => ((await request(t.url).get(`/api/conversations${query}`).set(auth).expect(200)).body.items as Array<{ id: number }>).map((c) => c.id).sort();
    expect(await ids()).toEqual([handed]);
    expect(await ids('?bot=only')).toEqual([held]);
    expect(await ids('?bot=include')).toEqual([held, handed].sort());
    expect(await ids('?bot=only&assignee=none')).toEqual([held]);
    const bad = await request(t.url).get('/api/conversations?bot=maybe').set(auth).expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('bot must be');

    const lead = (await request(t.url).post('/api/agents').set(auth).send({ name: 'Ольга Лид', email: 'olga@example.com', role: 'ops' }).expect(201)).body;
    const before = Date.now();
    const taken = (await request(t.url).post(`/api/conversations/${held}/assign`).set({ Authorization: `Bearer ${lead.token}` }).send({ agentId: lead.id }).expect(200)).body;
    expect(taken).toMatchObject({ assigneeId: lead.id, awaitingReply: true, bot: { state: 'handed_over', handoverReason: 'agent' } });
    expect(new Date(taken.firstResponseDueAt).getTime()).toBeGreaterThanOrEqual(before + 5 * 60_000); // the clock starts at the takeover
    expect(await ids('?bot=only')).toEqual([]);
    expect(await ids()).toEqual([held, handed].sort());
    // The bot is silent from now on: the customer's next message waits for the lead.
    const count = (await messages(held)).length;
    await say('visitor-bot-0101', 'Спасибо, жду');
    await new Promise((r) => setTimeout(r, 300));
    expect((await messages(held)).length).toBe(count + 1);
  });

  it('hands over at once on a handover word in any form: the agent sees the transcript, and the SLA clock starts at the handover', async () => {
    const clock = new Date();
    const id = await say('visitor-bot-0002', 'Как оплатить картой?');
    await visitorSees('visitor-bot-0002', 4);
    expect((await conversation(id)).firstResponseDueAt).toBeNull();

    await new Promise((r) => setTimeout(r, 50));
    const before = Date.now();
    await say('visitor-bot-0002', 'Позовите живого ОПЕРАТОРА, пожалуйста');
    const handedOver = await conversation(id);
    expect(handedOver).toMatchObject({ status: 'open', awaitingReply: true, bot: { state: 'handed_over', handoverReason: 'word' } });
    const due = new Date(handedOver.firstResponseDueAt).getTime();
    expect(due).toBeGreaterThanOrEqual(before + 5 * 60_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    expect(new Date(handedOver.waitingSince).getTime()).toBeGreaterThan(clock.getTime());

    const list = await messages(id);
    const note = list.find((m) => m.direction === 'note')!;
    expect(note.body).toMatch(/Бот передал разговор: клиент попросил человека/);
    expect(note.body).toContain('Клиент: Как оплатить картой?');
    expect(note.body).toContain('Бот: Оплата банковской картой');
    expect(note.body).toContain('Клиент: Позовите живого ОПЕРАТОРА, пожалуйста');
    const seen = await visitorSees('visitor-bot-0002', 6);
    expect(seen[5].text).toMatch(/Передаю разговор оператору/);

    // From now on the bot is silent: the customer's next message waits for the agent.
    const count = list.length;
    await say('visitor-bot-0002', 'Жду');
    await new Promise((r) => setTimeout(r, 200));
    expect((await messages(id)).length).toBe(count + 1);
    await request(t.url).post(`/api/conversations/${id}/messages`).set(auth).send({ body: 'Здравствуйте, это Анна из поддержки' }).expect(201);
    expect((await conversation(id)).firstRespondedAt).not.toBeNull();
    // The reports measure the agents' first response from the handover too, not from the customer's time with the bot.
    const [first] = await t.app.get(DataSource).query(`SELECT "startedAt", "targetMet" FROM reporting_events WHERE kind = 'first_response' AND "conversationId" = ${Number(id)}`);
    expect(Number(first.startedAt)).toBe(new Date(handedOver.waitingSince).getTime());
    expect(Boolean(first.targetMet)).toBe(true);
  });

  it('steps aside when an agent answers while it holds the conversation', async () => {
    const id = await say('visitor-bot-0010', 'Как оплатить картой?');
    await visitorSees('visitor-bot-0010', 4);
    await request(t.url).post(`/api/conversations/${id}/messages`).set(auth).send({ body: 'Здравствуйте! Подскажу сам.' }).expect(201);
    expect(await conversation(id)).toMatchObject({ bot: { state: 'handed_over', handoverReason: 'agent' }, firstRespondedAt: expect.any(String) });
    const count = (await messages(id)).length;
    await say('visitor-bot-0010', 'оплата картой не проходит');
    await new Promise((r) => setTimeout(r, 200));
    expect((await messages(id)).length).toBe(count + 1);
    expect(await conversation(id)).toMatchObject({ awaitingReply: true });
    expect((await conversation(id)).nextResponseDueAt).not.toBeNull();
  });

  it('hands over when it has no confident answer, and records the search that found nothing', async () => {
    const id = await say('visitor-bot-0003', 'Где мой заказ номер 1042?');
    await eventually(async () => expect(await conversation(id)).toMatchObject({ awaitingReply: true, bot: { state: 'handed_over', handoverReason: 'no_match' } }));
    expect((await conversation(id)).firstResponseDueAt).not.toBeNull();
    const seen = await visitorSees('visitor-bot-0003', 3);
    expect(seen[2].text).toMatch(/не нашёл готового ответа/);
    const missed = await request(t.url).get('/api/kb/searches/missed').set(auth).expect(200);
    expect(missed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ query: 'где мой заказ номер 1042?' })]));
  });

  it('the "no" and person buttons hand over at once, with the clock from then; at most maxAnswers answers before a person', async () => {
    const id = await say('visitor-bot-0004', 'принтер не печатает');
    const asked = (await visitorSees('visitor-bot-0004', 4))[3];
    const before = Date.now();
    await press('visitor-bot-0004', asked.id, 'no');
    const handedOver = await conversation(id);
    expect(handedOver).toMatchObject({ awaitingReply: true, bot: { state: 'handed_over', handoverReason: 'button' } });
    expect(new Date(handedOver.firstResponseDueAt).getTime()).toBeGreaterThanOrEqual(before + 5 * 60_000);
    expect((await messages(id)).find((m) => m.direction === 'note')!.body).toMatch(/клиент нажал кнопку/);

    const greeted = await say('visitor-bot-0009', '👋');
    const greeting = (await visitorSees('visitor-bot-0009', 2))[1];
    expect((await conversation(greeted)).bot).toEqual({ state: 'active', handoverReason: null });
    await press('visitor-bot-0009', greeting.id, 'person');
    expect(await conversation(greeted)).toMatchObject({ awaitingReply: true, bot: { state: 'handed_over', handoverReason: 'button' } });

    const other = await say('visitor-bot-0005', 'принтер не печатает');
    await say('visitor-bot-0005', 'оплата картой');
    await visitorSees('visitor-bot-0005', 7);
    await say('visitor-bot-0005', 'а чеки принтер печатает?');
    await eventually(async () => expect(await conversation(other)).toMatchObject({ bot: { state: 'handed_over', handoverReason: 'limit' } }));
    const answers = (await messages(other)).filter((m) => m.direction === 'out' && /help\/articles/.test(m.body));
    expect(answers).toHaveLength(2);
  });

  it('reports the share the bot closed and its handovers by why, per channel; the articles agents use and what nobody found', async () => {
    const closed = await say('visitor-bot-0006', 'не печатает принтер');
    await visitorSees('visitor-bot-0006', 4);
    await say('visitor-bot-0006', 'да');
    await eventually(async () => expect((await conversation(closed)).status).toBe('resolved'));
    await say('visitor-bot-0007', 'оператор');
    await say('visitor-bot-0008', 'возврат подарочного сертификата');
    const anna = (await request(t.url).post('/api/agents').set(auth).send({ name: 'Анна', email: 'anna@example.com', role: 'agent' }).expect(201)).body;
    const annaAuth = { Authorization: `Bearer ${anna.token}` };
    const articles = (await request(t.url).get('/api/kb/articles').set(auth).expect(200)).body.items as Array<{ id: number; title: string }>;
    const card = articles.find((a) => a.title.startsWith('Оплата'))!;
    await request(t.url).post(`/api/kb/articles/${card.id}/used`).set(annaAuth).send({ conversationId: closed, kind: 'text' }).expect(204);
    await request(t.url).post(`/api/kb/articles/${card.id}/used`).set(auth).send({ conversationId: closed }).expect(204);

    const report = await eventually(async () => {
      const res = await request(t.url).get('/api/reports/bot').set(annaAuth).expect(200);
      expect(res.body.total.met).toBe(3);
      return res.body;
    });
    expect(report.total).toMatchObject({ met: 3, resolvedByBot: 1, closedByBotPercent: 33.3, handovers: 2 });
    expect(report.total.handoversByReason).toMatchObject({ word: 1, button: 0, no_match: 1, limit: 0 });
    expect(report.channels).toEqual([expect.objectContaining({ channelId: 'webchat', met: 3, resolvedByBot: 1 })]);

    await request(t.url).get('/api/reports/knowledge').set(annaAuth).expect(403);
    await request(t.url).get('/api/reports/knowledge').query({ limit: 0 }).set(auth).expect(400);
    const knowledge = (await request(t.url).get('/api/reports/knowledge').set(auth).expect(200)).body;
    expect(knowledge.mostUsedArticles).toEqual([{ articleId: card.id, title: card.title, uses: 2, asLink: 1, asText: 1, agents: 2, helpUrl: `/help/articles/${card.id}` }]);
    expect(knowledge.missedSearches).toEqual([expect.objectContaining({ query: 'возврат подарочного сертификата', count: 1, sources: ['bot'] })]);
  });
});
