import request from 'supertest';
import { callbackQueryUpdate, customer, FakeBot, FakeBotApi, messageUpdate } from './support/fake-bot-api';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TOKEN = '515151:AAH-bot_support';
const ANNA = customer(8181);

interface MessageView { id: number; direction: string; body: string; automatic: boolean; choices: Array<{ id: string; label: string }> | null }

describe('the bot on Telegram (telegraf against the loopback Bot API)', () => {
  let fake: FakeBotApi;
  let bot: FakeBot;
  let t: TestApp;

  const conversations = async () => (await request(t.url).get('/api/conversations?status=open,pending,snoozed,resolved&bot=include').set(auth).expect(200)).body.items;
  const conversation = async (id: number) => (await request(t.url).get(`/api/conversations/${id}`).set(auth).expect(200)).body;
  const messages = async (id: number): Promise<MessageView[]> => (await request(t.url).get(`/api/conversations/${id}/messages`).set(auth).expect(200)).body.items;
  const sentTo = (count: number) => eventually(() => {
    expect(bot.sent.length).toBeGreaterThanOrEqual(count);
    return bot.sent;
  });

  beforeEach(async () => {
    fake = await FakeBotApi.start();
    bot = fake.addBot(TOKEN);
    t = await startTestApp({ configYaml: `
channels:
  - id: tg
    type: telegram
    token: "${TOKEN}"
    apiRoot: ${fake.url}
    pollTimeoutSeconds: 1
    bot:
      greeting: { ru: "Здравствуйте! Я бот магазина.", en: "Hello! I am the shop's bot." }
policies:
  telegram: { firstResponse: 5m, nextResponse: 10m, highLoadNotice: off }
outbox: { retryBaseMs: 50, retryMaxMs: 200, pollMs: 50 }
` });
    await request(t.url).post('/api/kb/articles').set(auth)
      .send({ title: 'Оплата банковской картой', body: 'Мы принимаем карты Visa, Mastercard и «Мир».', category: 'Оплата', language: 'ru', status: 'published' }).expect(201);
  });
  afterEach(async () => {
    await t.destroy();
    await fake.close();
  });

  it('greets with the person button, answers with an article and "did this help?" buttons; the person button hands over at once', async () => {
    bot.enqueue(messageUpdate(ANNA, 1, { text: 'Можно оплатить картой?' }));
    const sent = await sentTo(3);
    expect(sent[0].text).toBe('Здравствуйте! Я бот магазина.\nЧтобы позвать человека, нажмите «Позвать оператора» или напишите «оператор».');
    const [greeting] = await eventually(async () => {
      const [c] = await conversations();
      return messages(c.id);
    }).then((list) => list.filter((m) => m.direction === 'out'));
    expect(sent[0].replyMarkup?.inline_keyboard?.flat()).toEqual([{ text: 'Позвать оператора', callback_data: `c:${greeting.id}:person` }]);
    expect(sent[1].text).toMatch(/^Оплата банковской картой\n\nМы принимаем карты Visa/);
    expect(sent[2].text).toBe('Это помогло?');
    expect(sent[2].replyMarkup?.inline_keyboard?.flat().map((b) => b.text)).toEqual(['Да, помогло', 'Нет', 'Позвать оператора']);
    const [held] = await conversations();
    expect(held).toMatchObject({ awaitingReply: false, firstResponseDueAt: null, bot: { state: 'active' } });

    const before = Date.now();
    bot.enqueue(callbackQueryUpdate(ANNA, sent[2], sent[2].replyMarkup!.inline_keyboard!.flat()[2].callback_data!));
    const handedOver = await eventually(async () => {
      const c = await conversation(held.id);
      expect(c.bot).toEqual({ state: 'handed_over', handoverReason: 'button' });
      return c;
    });
    expect(handedOver.awaitingReply).toBe(true);
    expect(new Date(handedOver.firstResponseDueAt).getTime()).toBeGreaterThanOrEqual(before + 5 * 60_000);
    const list = await messages(held.id);
    expect(list.find((m) => m.direction === 'note')!.body).toMatch(/клиент нажал кнопку[\s\S]*Клиент: Можно оплатить картой\?[\s\S]*Бот: Оплата банковской картой/);
    const all = await sentTo(4);
    expect(all[3].text).toBe('Передаю разговор оператору — он ответит здесь же.');
    await eventually(() => expect(bot.answeredCallbacks).toHaveLength(1));

    // The agent answers; the bot stays out of it.
    await request(t.url).post(`/api/conversations/${held.id}/messages`).set(auth).send({ body: 'Да, картой можно. Чем ещё помочь?' }).expect(201);
    await sentTo(5);
    bot.enqueue(messageUpdate(ANNA, 2, { text: 'А оплата картой «Мир»?' }));
    await eventually(async () => expect((await messages(held.id)).filter((m) => m.direction === 'in')).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.sent).toHaveLength(5);
  });

  it('hands over at once on a handover word, and never answers another bot', async () => {
    bot.enqueue(messageUpdate(ANNA, 1, { text: 'ЧЕЛОВЕКА позовите' }));
    const sent = await sentTo(2);
    expect(sent[1].text).toBe('Передаю разговор оператору — он ответит здесь же.');
    const [c] = await conversations();
    expect(c).toMatchObject({ awaitingReply: true, bot: { state: 'handed_over', handoverReason: 'word' } });
    expect(c.firstResponseDueAt).not.toBeNull();

    const otherBot = { id: 9999, is_bot: true, first_name: 'Spam bot' };
    bot.enqueue({ message: { message_id: 5, date: Math.floor(Date.now() / 1000), chat: { id: 9999, type: 'private' }, from: otherBot, text: 'оплата картой' } });
    await eventually(() => expect(bot.pending()).toBe(0));
    await new Promise((r) => setTimeout(r, 300));
    expect(await conversations()).toHaveLength(1);
    expect(bot.sent).toHaveLength(2);
  });
});
