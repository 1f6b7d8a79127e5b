import request from 'supertest';
import { DataSource } from 'typeorm';
import { Message, OutboxEntry } from '@app/conversations';
import { customer, FakeBot, FakeBotApi, messageUpdate } from './support/fake-bot-api';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TOKEN = '333333:AAH-outbound_bot';
const CHAT = 5150;

interface MessageView {
  id: number;
  deliveryStatus: string | null;
  error: string | null;
}

describe('telegram replies', () => {
  let fake: FakeBotApi;
  let bot: FakeBot;
  let t: TestApp;
  let conversationId: number;

  beforeEach(async () => {
    fake = await FakeBotApi.start();
    bot = fake.addBot(TOKEN);
    bot.enqueue(messageUpdate(customer(CHAT), 1, { text: 'Здравствуйте, где заказ?' }));
    t = await startTestApp({ configYaml: configOf(fake.url) });
    conversationId = await eventually(async () => {
      const res = await request(t.url).get('/api/conversations').set(auth).expect(200);
      expect(res.body.items).toHaveLength(1);
      return res.body.items[0].id as number;
    });
  });
  afterEach(async () => {
    await t.destroy();
    await fake.close();
  });

  const configOf = (apiRoot: string) => `
channels:
  - id: tg
    type: telegram
    token: "${TOKEN}"
    apiRoot: ${apiRoot}
    pollTimeoutSeconds: 1
outbox:
  maxAttempts: 4
  retryBaseMs: 50
  retryMaxMs: 200
  pollMs: 50
`;

  async function reply(body: string): Promise<number> {
    return (await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body }).expect(201)).body.id;
  }

  async function messageOnceItIs(id: number, status: string): Promise<MessageView> {
    return eventually(async () => {
      const res = await request(t.url).get(`/api/conversations/${conversationId}/messages`).set(auth).expect(200);
      const message = res.body.items.find((m: MessageView) => m.id === id);
      expect(message.deliveryStatus).toBe(status);
      return message;
    }, 10_000);
  }

  it('splits a long reply at paragraphs, sends the parts in order a second apart, and stores the Telegram id', async () => {
    const paragraphs = ['Первый абзац.', 'Второй абзац.', 'Третий абзац.'].map((start, i) => `${start} ${String(i).repeat(2500)}`);
    const id = await reply(paragraphs.join('\n\n'));
    await messageOnceItIs(id, 'sent');

    expect(bot.sent.map((s) => [s.chatId, s.text])).toEqual(paragraphs.map((p) => [String(CHAT), p]));
    // Telegram allows about one message a second to one chat, counted as they arrive: the next part leaves a second after
    // the previous one was answered, so no delay on the way (or in this machine's timers) can bring two arrivals closer.
    expect(bot.sent[1].at - bot.sent[0].at).toBeGreaterThanOrEqual(1000);
    expect(bot.sent[2].at - bot.sent[1].at).toBeGreaterThanOrEqual(1000);
    const stored = await t.app.get(DataSource).getRepository(Message).findOneByOrFail({ id });
    expect(stored.externalId).toBe(`${CHAT}:${bot.sent[0].messageId}`);
    expect(stored.meta).toMatchObject({ telegramMessageIds: bot.sent.map((s) => s.messageId) });
  });

  it('waits out a 429 for retry_after and then sends', async () => {
    bot.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const id = await reply('Проверяем');
    const sent = await messageOnceItIs(id, 'sent');

    expect(sent.error).toBeNull();
    const attempts = fake.callsOf('sendMessage');
    expect(attempts).toHaveLength(2);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1000);
    expect(bot.sent.map((s) => s.text)).toEqual(['Проверяем']);
  });

  it('marks a reply to a user who blocked the bot failed with the reason, keeps the channel working, and sends it on retry', async () => {
    bot.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const id = await reply('Ваш заказ в пути');
    const failed = await messageOnceItIs(id, 'failed');
    expect(failed.error).toBe('Forbidden: bot was blocked by the user');
    expect(fake.callsOf('sendMessage')).toHaveLength(1); // no pointless retries

    const channels = await request(t.url).get('/api/channels').set(auth).expect(200);
    expect(channels.body.items[0]).toMatchObject({ id: 'tg', state: 'ready' });
    // The customer unblocks the bot and writes again: still received.
    bot.enqueue(messageUpdate(customer(CHAT), 2, { text: 'разблокировал' }));
    await eventually(async () => {
      const res = await request(t.url).get(`/api/conversations/${conversationId}/messages`).set(auth).expect(200);
      expect(res.body.items.map((m: { body: string }) => m.body)).toContain('разблокировал');
    });

    await request(t.url).post(`/api/messages/${id}/retry`).set(auth).expect(200);
    const sent = await messageOnceItIs(id, 'sent');
    expect(sent.error).toBeNull();
    expect(bot.sent.map((s) => s.text)).toEqual(['Ваш заказ в пути']);
  });

  it('resends only the parts a failed attempt did not deliver', async () => {
    const paragraphs = ['a'.repeat(4000), 'b'.repeat(4000)];
    // The first part goes out; the second meets a server error, and the outbox tries the message again.
    bot.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, 1, 1);
    const id = await reply(paragraphs.join('\n\n'));
    await messageOnceItIs(id, 'sent');
    expect(bot.sent.map((s) => s.text)).toEqual(paragraphs);
    expect(fake.callsOf('sendMessage')).toHaveLength(3);
  });

  it('remembers the delivered parts in the database: after a restart only the rest is sent', async () => {
    const paragraphs = ['c'.repeat(4000), 'd'.repeat(4000)];
    // The second part is refused for two minutes: too long to wait inline, so the attempt ends with the first part out.
    bot.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 120', parameters: { retry_after: 120 } }, 1, 1);
    const id = await reply(paragraphs.join('\n\n'));
    const outbox = () => t.app.get(DataSource).getRepository(OutboxEntry);
    await eventually(async () => expect(await outbox().findOneByOrFail({ messageId: id })).toMatchObject({ status: 'pending', attempts: 1 }), 10_000);
    expect(bot.sent.map((s) => s.text)).toEqual([paragraphs[0]]);

    await t.close();
    t = await startTestApp({ dir: t.dir, configYaml: configOf(fake.url) });
    await outbox().update({ messageId: id }, { nextAttemptAt: new Date() }); // Telegram's two minutes are up
    await messageOnceItIs(id, 'sent');
    expect(bot.sent.map((s) => s.text)).toEqual(paragraphs);
    const stored = await t.app.get(DataSource).getRepository(Message).findOneByOrFail({ id });
    expect(stored.meta).toMatchObject({ telegramMessageIds: bot.sent.map((s) => s.messageId) });
    expect(stored.meta).not.toHaveProperty('telegramSentParts');
  });

  it('sends the files an agent attached to a reply, as a photo or a document', async () => {
    const photo = await request(t.url).post('/api/attachments').set(auth).attach('file', Buffer.from('png bytes'), { filename: 'box.png', contentType: 'image/png' }).expect(201);
    const pdf = await request(t.url).post('/api/attachments').set(auth).attach('file', Buffer.from('%PDF bytes'), { filename: 'invoice.pdf', contentType: 'application/pdf' }).expect(201);
    expect(photo.body).toMatchObject({ name: 'box.png', contentType: 'image/png', size: 9 });
    const created = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth)
      .send({ body: 'Счёт и фото', attachments: [photo.body, pdf.body].map(({ storageKey, name, contentType }) => ({ storageKey, name, contentType })) })
      .expect(201);
    expect(created.body.attachments.map((a: { name: string }) => a.name)).toEqual(['box.png', 'invoice.pdf']);
    await messageOnceItIs(created.body.id, 'sent');

    expect(bot.sent.map((s) => [s.method, s.text ?? s.file?.filename, s.file?.data.toString()])).toEqual([
      ['sendMessage', 'Счёт и фото', undefined],
      ['sendPhoto', 'box.png', 'png bytes'],
      ['sendDocument', 'invoice.pdf', '%PDF bytes'],
    ]);
    const stored = await t.app.get(DataSource).getRepository(Message).findOneByOrFail({ id: created.body.id });
    expect(stored.meta).toMatchObject({ telegramMessageIds: bot.sent.map((s) => s.messageId) });

    // A key nobody uploaded is refused, naming the field.
    const bad = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth)
      .send({ body: 'x', attachments: [{ storageKey: 'f'.repeat(64), name: 'a.txt', contentType: 'text/plain' }] }).expect(400);
    expect(bad.body.fields).toEqual(['attachments.0.storageKey']);
  });
});
