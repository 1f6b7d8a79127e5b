import request from 'supertest';
import { configYaml, FAST_OUTBOX, scriptedChannel, telegramChannel } from './support/config-yaml';
import { callbackQueryUpdate, customer, FakeBot, FakeBotApi, messageUpdate } from './support/fake-bot-api';
import { offerChoices } from './support/offer-choices';
import { ScriptedChannel, scriptedChannelType } from './support/scripted-channel';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp, WEBCHAT_ONLY } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TOKEN = '444444:AAH-choices_bot';
const CHAT = 6161;
const YES_NO = [{ id: 'yes', label: 'Да' }, { id: 'no', label: 'Нет' }];

interface MessageView { id: number; direction: string; body: string; choices: unknown; choice: { id: string; messageId: number } | null }

async function messagesOf(t: TestApp, conversationId: number): Promise<MessageView[]> {
  return (await request(t.url).get(`/api/conversations/${conversationId}/messages`).set(auth).expect(200)).body.items;
}

async function onlyConversation(t: TestApp): Promise<{ id: number; status: string }> {
  return eventually(async () => {
    const res = await request(t.url).get('/api/conversations?status=open,pending,snoozed,resolved').set(auth).expect(200);
    expect(res.body.items).toHaveLength(1);
    return res.body.items[0];
  });
}

const resolve = (t: TestApp, id: number) => request(t.url).post(`/api/conversations/${id}/status`).set(auth).send({ status: 'resolved' }).expect(200);

describe('choices: buttons on Telegram (inline keyboard, callback queries)', () => {
  let fake: FakeBotApi;
  let bot: FakeBot;
  let t: TestApp;

  beforeEach(async () => {
    fake = await FakeBotApi.start();
    bot = fake.addBot(TOKEN);
    bot.enqueue(messageUpdate(customer(CHAT), 1, { text: 'Здравствуйте' }));
    t = await startTestApp({ configYaml: configYaml({ channels: [telegramChannel(TOKEN, fake.url)], outbox: FAST_OUTBOX }) });
  });
  afterEach(async () => {
    await t.destroy();
    await fake.close();
  });

  it('draws the choices as an inline keyboard and stores a press in the offering conversation without reopening it', async () => {
    const conversation = await onlyConversation(t);
    const offerId = await offerChoices(t.app, conversation.id, 'Вопрос решён?', YES_NO);
    const sent = await eventually(() => {
      expect(bot.sent).toHaveLength(1);
      return bot.sent[0];
    });
    expect(sent.text).toBe('Вопрос решён?');
    expect(sent.replyMarkup?.inline_keyboard?.flat()).toEqual([
      { text: 'Да', callback_data: `c:${offerId}:yes` }, { text: 'Нет', callback_data: `c:${offerId}:no` }]);
    await resolve(t, conversation.id);

    const press = callbackQueryUpdate(customer(CHAT), sent, `c:${offerId}:no`);
    bot.enqueue(press, press); // Telegram may deliver one update twice
    const answer = await eventually(async () => {
      const found = (await messagesOf(t, conversation.id)).filter((m) => m.choice);
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(answer).toMatchObject({ direction: 'in', body: 'Нет', choice: { id: 'no', messageId: offerId } });
    await eventually(() => expect(bot.answeredCallbacks).toContain(press.callback_query.id));
    expect((await onlyConversation(t)).status).toBe('resolved');
  });

  it('ignores a press whose data names a message offered to someone else', async () => {
    const conversation = await onlyConversation(t);
    const offerId = await offerChoices(t.app, conversation.id, 'Вопрос решён?', YES_NO);
    const sent = await eventually(() => bot.sent[0] ?? Promise.reject(new Error('not sent')));
    const stranger = customer(7272, { first_name: 'Чужой' });
    bot.enqueue(callbackQueryUpdate(stranger, sent, `c:${offerId}:yes`));
    const conversations = await eventually(async () => {
      const res = await request(t.url).get('/api/conversations?status=open,pending,snoozed,resolved').set(auth).expect(200);
      expect(res.body.items).toHaveLength(2);
      return res.body.items;
    });
    // The stranger's press is a message of their own conversation, not an answer to the question.
    expect((await messagesOf(t, conversation.id)).filter((m) => m.choice)).toHaveLength(0);
    const theirs = conversations.find((c: { id: number }) => c.id !== conversation.id);
    expect((await messagesOf(t, theirs.id))[0].choice).toBeNull();
  });
});

describe('choices on a channel without buttons: the text fallback, typed answers', () => {
  const peer = new ScriptedChannel('peer');
  let t: TestApp;
  const ORDER = [{ id: 'order', label: 'order number', typed: true }];

  beforeEach(async () => {
    peer.sent.length = 0;
    t = await startTestApp({ configYaml: configYaml({ channels: [scriptedChannel({ secret: 's1' })], outbox: FAST_OUTBOX }), channelTypes: [scriptedChannelType(peer)] });
  });
  afterEach(() => t.destroy());

  it('numbers the choices and reads a reply of just the number (or the label) as the choice, once', async () => {
    await peer.receive({ externalId: 'm1', sender: { externalId: 'cust' }, text: 'Здравствуйте' });
    const conversation = await onlyConversation(t);
    const offerId = await offerChoices(t.app, conversation.id, 'Вопрос решён?', YES_NO);
    await eventually(() => expect(peer.sent).toHaveLength(1));
    expect(peer.sent[0].text).toBe('Вопрос решён?\n\n1. Да\n2. Нет');
    expect(peer.sent[0].choices).toBeUndefined();
    await resolve(t, conversation.id);

    await peer.receive({ externalId: 'm2', sender: { externalId: 'cust' }, text: '2' });
    const messages = await messagesOf(t, conversation.id);
    expect(messages.at(-1)).toMatchObject({ body: '2', choice: { id: 'no', messageId: offerId } });
    expect((await onlyConversation(t)).status).toBe('resolved');

    // Only the first reply after the question answers it: a later "1" is a message, which starts a new chat.
    const later = await peer.receive({ externalId: 'm3', sender: { externalId: 'cust' }, text: '1' });
    expect(later).toMatchObject({ conversationId: conversation.id + 1 });
    expect((await messagesOf(t, conversation.id + 1)).at(-1)).toMatchObject({ body: '1', choice: null });
  });

  it('reads the label typed back, and leaves a sentence a message', async () => {
    await peer.receive({ externalId: 'm1', sender: { externalId: 'cust' }, text: 'Здравствуйте' });
    const conversation = await onlyConversation(t);
    await offerChoices(t.app, conversation.id, 'Вопрос решён?', YES_NO);
    await eventually(() => expect(peer.sent).toHaveLength(1));
    await peer.receive({ externalId: 'm2', sender: { externalId: 'cust' }, text: 'да' });
    expect((await messagesOf(t, conversation.id)).at(-1)?.choice?.id).toBe('yes');

    await offerChoices(t.app, conversation.id, 'Ещё вопрос?', YES_NO);
    await eventually(() => expect(peer.sent).toHaveLength(2));
    await peer.receive({ externalId: 'm3', sender: { externalId: 'cust' }, text: '2 заказа не пришли' });
    expect((await messagesOf(t, conversation.id)).at(-1)?.choice).toBeNull();
  });

  it('takes the next message as a typed choice within the hour, and not later', async () => {
    await peer.receive({ externalId: 'm1', sender: { externalId: 'cust' }, text: 'Здравствуйте' });
    const conversation = await onlyConversation(t);
    const offerId = await offerChoices(t.app, conversation.id, 'Номер заказа?', ORDER);
    await eventually(() => expect(peer.sent).toHaveLength(1));
    expect(peer.sent[0].text).toBe('Номер заказа?'); // a typed choice is never drawn
    await peer.receive({ externalId: 'm2', sender: { externalId: 'cust' }, text: 'Заказ 1042 от вторника' });
    expect((await messagesOf(t, conversation.id)).at(-1)).toMatchObject({ body: 'Заказ 1042 от вторника', choice: { id: 'order', messageId: offerId } });

    await offerChoices(t.app, conversation.id, 'Номер заказа?', ORDER, new Date(Date.now() - 2 * 3600_000));
    await peer.receive({ externalId: 'm3', sender: { externalId: 'cust' }, text: 'Заказ 2000' });
    expect((await messagesOf(t, conversation.id)).at(-1)).toMatchObject({ body: 'Заказ 2000', choice: null });
  });
});

describe('choices: buttons in the web chat', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ configYaml: WEBCHAT_ONLY });
  });
  afterEach(() => t.destroy());

  /** The visitor the test calls `name` (a token from POST /webchat/session, sent in X-Visitor-Token). */
  const theVisitor = (name: string) => visitor(t.url, name);

  it('returns the choices with the message and takes a press as { choiceId, replyTo }', async () => {
    await (await theVisitor('visitor-aaaa')).send({ clientMessageId: 'c1', text: 'Здравствуйте' }).expect(201);
    const conversation = await onlyConversation(t);
    const offerId = await offerChoices(t.app, conversation.id, 'Вопрос решён?', YES_NO);
    const offered = await eventually(async () => {
      const res = await (await theVisitor('visitor-aaaa')).history().expect(200);
      const out = res.body.items.find((m: { id: number }) => m.id === offerId);
      expect(out).toBeDefined();
      return out;
    });
    expect(offered.choices).toEqual(YES_NO);
    await resolve(t, conversation.id);

    const refused = await (await theVisitor('visitor-aaaa')).send({ clientMessageId: 'c2', choiceId: 'maybe', replyTo: offerId }).expect(400);
    expect(String(refused.body.message)).toMatch(/choiceId/); // a field error: message is a list, beside fields
    const stranger = await (await theVisitor('visitor-bbbb')).send({ clientMessageId: 'c2', choiceId: 'yes', replyTo: offerId }).expect(400);
    expect(String(stranger.body.message)).toMatch(/replyTo/);
    await (await theVisitor('visitor-aaaa')).send({ clientMessageId: 'c3', choiceId: 'yes' }).expect(400);

    await (await theVisitor('visitor-aaaa')).send({ clientMessageId: 'c4', choiceId: 'yes', replyTo: offerId }).expect(201);
    await (await theVisitor('visitor-aaaa')).send({ clientMessageId: 'c4', choiceId: 'yes', replyTo: offerId }).expect(201);
    const presses = (await messagesOf(t, conversation.id)).filter((m) => m.choice);
    expect(presses).toEqual([expect.objectContaining({ body: 'Да', choice: { id: 'yes', messageId: offerId } })]);
    expect((await onlyConversation(t)).status).toBe('resolved');
  });
});
