import request from 'supertest';
import { customer, editUpdate, FakeBot, FakeBotApi, messageUpdate } from './support/fake-bot-api';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TOKEN = '444444:AAH-webhook_bot';
const SECRET = 'wh-secret_0123456789';

function config(apiRoot: string, publicUrl?: string) {
  return `
${publicUrl ? `server:\n  publicUrl: ${publicUrl}` : ''}
channels:
  - id: tg-hook
    type: telegram
    token: "${TOKEN}"
    mode: webhook
    webhookSecret: ${SECRET}
    apiRoot: ${apiRoot}
`;
}

describe('telegram by webhook', () => {
  let fake: FakeBotApi;
  let bot: FakeBot;
  let t: TestApp | null = null;

  beforeEach(async () => {
    fake = await FakeBotApi.start();
    bot = fake.addBot(TOKEN);
  });
  afterEach(async () => {
    await t?.destroy();
    t = null;
    await fake.close();
  });

  const post = (update: object, secret: string | null = SECRET) => {
    const req = request(t!.url).post('/webhooks/telegram/tg-hook').set('Content-Type', 'application/json');
    if (secret !== null) req.set('X-Telegram-Bot-Api-Secret-Token', secret);
    return req.send(JSON.stringify(update));
  };

  async function storedBodies(): Promise<string[]> {
    const list = await request(t!.url).get('/api/conversations').set(auth).expect(200);
    const bodies: string[] = [];
    for (const c of list.body.items) {
      const res = await request(t!.url).get(`/api/conversations/${c.id}/messages`).set(auth).expect(200);
      bodies.push(...res.body.items.map((m: { body: string }) => m.body));
    }
    return bodies;
  }

  it('registers the webhook with its secret at start when the public URL is known', async () => {
    t = await startTestApp({ configYaml: config(fake.url, 'https://support.example.com/inbox') });
    await eventually(async () => {
      const res = await request(t!.url).get('/api/channels').set(auth).expect(200);
      expect(res.body.items[0]).toMatchObject({ id: 'tg-hook', state: 'ready' });
    });
    expect(fake.callsOf('setWebhook').map((c) => c.params)).toEqual([
      { url: 'https://support.example.com/inbox/webhooks/telegram/tg-hook', secret_token: SECRET, allowed_updates: ['message', 'edited_message', 'callback_query'], max_connections: 1 },
    ]);
    expect(bot.webhook).toEqual({ url: 'https://support.example.com/inbox/webhooks/telegram/tg-hook', secretToken: SECRET, maxConnections: 1 });
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('stores an update before answering 200, and a redelivered update once', async () => {
    t = await startTestApp({ configYaml: config(fake.url) });
    const anna = customer(4242);
    const update = { update_id: 1, ...messageUpdate(anna, 1, { text: 'Привет из вебхука' }) };

    await post(update).expect(200);
    // No waiting: the 200 came after the commit.
    expect(await storedBodies()).toEqual(['Привет из вебхука']);
    await post(update).expect(200);
    expect(await storedBodies()).toEqual(['Привет из вебхука']);

    const photo = bot.addFile(Buffer.from('photo over webhook'));
    await post({ update_id: 2, ...messageUpdate(anna, 2, { caption: 'фото', photo: [{ ...photo, width: 10, height: 10 }] }) }).expect(200);
    await post({ update_id: 3, ...editUpdate(anna, 1, 'Привет (исправлено)', Math.floor(Date.now() / 1000)) }).expect(200);
    const [conversation] = (await request(t.url).get('/api/conversations').set(auth).expect(200)).body.items;
    const messages = (await request(t.url).get(`/api/conversations/${conversation.id}/messages`).set(auth).expect(200)).body.items;
    expect(messages).toEqual([
      expect.objectContaining({ body: 'Привет (исправлено)', originalBody: 'Привет из вебхука' }),
      expect.objectContaining({ body: 'фото', attachments: [expect.objectContaining({ storageKey: expect.stringMatching(/^[0-9a-f]{64}$/) })] }),
    ]);
    // Without a public URL the adapter leaves registration to ops.
    expect(fake.callsOf('setWebhook')).toHaveLength(0);
  });

  it('refuses a forged or unsigned update with 401 and stores nothing', async () => {
    t = await startTestApp({ configYaml: config(fake.url) });
    const update = { update_id: 7, ...messageUpdate(customer(1), 1, { text: 'forged' }) };
    await post(update, null).expect(401);
    await post(update, 'wrong-secret').expect(401);
    await post(update, `${SECRET}x`).expect(401);
    await post(update, '').expect(401);
    expect(await storedBodies()).toEqual([]);
    await request(t.url).post('/webhooks/telegram/tg-hook').set('X-Telegram-Bot-Api-Secret-Token', SECRET).set('Content-Type', 'application/json').send('{"no":"update"}').expect(400);
  });

  it('answers 500 when the update cannot be stored, so Telegram delivers it again', async () => {
    t = await startTestApp({ configYaml: config(fake.url) });
    const anna = customer(4242);
    const photo = bot.addFile(Buffer.from('flaky download'));
    bot.failNext('getFile', { error_code: 502, description: 'Bad Gateway' });
    const update = { update_id: 9, ...messageUpdate(anna, 3, { photo: [{ ...photo, width: 1, height: 1 }] }) };
    await post(update).expect(500);
    expect(await storedBodies()).toEqual([]);
    await post(update).expect(200);
    expect(await storedBodies()).toEqual(['']);
  });

  it('after repeated failures keeps the message with a note rather than stall on a file that cannot be fetched', async () => {
    t = await startTestApp({ configYaml: config(fake.url) });
    const photo = bot.addFile(Buffer.from('never served'));
    bot.failNext('getFile', { error_code: 502, description: 'Bad Gateway' }, 10);
    const update = { update_id: 11, ...messageUpdate(customer(4242), 4, { caption: 'скрин', photo: [{ ...photo, width: 1, height: 1 }] }) };
    for (let i = 0; i < 3; i++) await post(update).expect(500);
    await post(update).expect(200);
    const [conversation] = (await request(t.url).get('/api/conversations').set(auth).expect(200)).body.items;
    const [message] = (await request(t.url).get(`/api/conversations/${conversation.id}/messages`).set(auth).expect(200)).body.items;
    expect(message).toMatchObject({ body: 'скрин', attachments: [{ name: `photo-${photo.file_unique_id}.jpg`, note: 'could not be downloaded: Telegram answered 502: Bad Gateway' }] });
    expect(message.attachments[0].storageKey).toBeUndefined();
  });
});
