import request from 'supertest';
import { customer, editUpdate, FakeBot, FakeBotApi, messageUpdate } from './support/fake-bot-api';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TOKEN = '111111:AAH-polling_bot';

function config(apiRoot: string, extra = '') {
  return `
channels:
  - id: webchat
    type: webchat
  - id: tg
    type: telegram
    name: Support bot
    token: "${TOKEN}"
    apiRoot: ${apiRoot}
    pollTimeoutSeconds: 1
${extra}
outbox:
  retryBaseMs: 50
  retryMaxMs: 200
  pollMs: 50
attachments:
  maxSize: 1KB
`;
}

interface MessageView {
  id: number;
  body: string;
  editedAt: string | null;
  originalBody: string | null;
  attachments: { name: string; contentType: string; size: number; storageKey?: string; note?: string }[];
}

async function conversations(t: TestApp, channel = 'tg') {
  return (await request(t.url).get('/api/conversations').query({ channel }).set(auth).expect(200)).body.items;
}

async function messages(t: TestApp, conversationId: number): Promise<MessageView[]> {
  return (await request(t.url).get(`/api/conversations/${conversationId}/messages`).set(auth).expect(200)).body.items;
}

/** Waits until the channel's one conversation holds `count` messages, and returns them. */
async function storedMessages(t: TestApp, count: number, channel = 'tg'): Promise<MessageView[]> {
  return eventually(async () => {
    const items = await conversations(t, channel);
    expect(items).toHaveLength(1);
    const list = await messages(t, items[0].id);
    expect(list).toHaveLength(count);
    return list;
  });
}

describe('telegram by long polling', () => {
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

  it('stores /start, text, captions and media of a private chat in the contact\'s conversation', async () => {
    const anna = customer(4242);
    const photo = bot.addFile(Buffer.from('jpeg bytes of a receipt'));
    const pdf = bot.addFile(Buffer.from('%PDF-1.4 invoice'));
    const voice = bot.addFile(Buffer.from('OggS voice'));
    const circle = bot.addFile(Buffer.from('mp4 video note'));
    const huge = bot.addFile(Buffer.from('only the announced size is large'), 5 * 1024 * 1024);
    const understated = bot.addFile(Buffer.alloc(4096, 1), 100); // announced as 100 bytes, actually 4 KB
    bot.enqueue(
      messageUpdate(anna, 1, { text: '/start order-77' }),
      messageUpdate(anna, 2, { text: 'Не приходит код' }),
      messageUpdate(anna, 3, { caption: 'вот чек', photo: [{ ...photo, file_id: 'thumb', width: 90, height: 90 }, { ...photo, width: 800, height: 600 }] }),
      messageUpdate(anna, 4, { document: { ...pdf, file_name: 'invoice.pdf', mime_type: 'application/pdf' } }),
      messageUpdate(anna, 5, { voice: { ...voice, duration: 3, mime_type: 'audio/ogg' } }),
      messageUpdate(anna, 6, { video_note: { ...circle, duration: 2, length: 240 } }),
      messageUpdate(anna, 7, { caption: 'видео экрана', document: { ...huge, file_name: 'screen.mov', mime_type: 'video/quicktime' } }),
      messageUpdate(anna, 8, { document: { ...understated, file_name: 'dump.bin' } }),
      { message: { message_id: 1, date: 1, chat: { id: -100500, type: 'supergroup', title: 'Chat' }, from: anna, text: 'in a group' } },
    );
    t = await startTestApp({ configYaml: config(fake.url) });

    const list = await storedMessages(t, 8);
    const [conversation] = await conversations(t);
    expect(conversation).toMatchObject({ channel: { id: 'tg', type: 'telegram', name: 'Support bot' }, contact: { name: 'Анна Петрова' }, status: 'open' });
    expect(list.map((m) => m.body)).toEqual(['/start order-77', 'Не приходит код', 'вот чек', '', '', '', 'видео экрана', '']);

    expect(list[2].attachments).toEqual([expect.objectContaining({ name: `photo-${photo.file_unique_id}.jpg`, contentType: 'image/jpeg', size: 23 })]);
    expect(list[3].attachments).toEqual([expect.objectContaining({ name: 'invoice.pdf', contentType: 'application/pdf' })]);
    expect(list[4].attachments).toEqual([expect.objectContaining({ contentType: 'audio/ogg' })]);
    expect(list[5].attachments).toEqual([expect.objectContaining({ contentType: 'video/mp4' })]);
    for (const [index, bytes] of [[2, 'jpeg bytes of a receipt'], [3, '%PDF-1.4 invoice'], [4, 'OggS voice'], [5, 'mp4 video note']] as const) {
      const file = await request(t.url).get(`/api/attachments/${list[index].attachments[0].storageKey}`).set(auth).buffer(true).expect(200);
      expect((file.body as Buffer).toString()).toBe(bytes);
    }
    // Over the limit: the message is kept, the file is not fetched, and the note says why.
    expect(list[6].attachments).toEqual([{ name: 'screen.mov', contentType: 'video/quicktime', size: 5 * 1024 * 1024, note: 'not stored: 5 MB is over the 1 KB limit' }]);
    // An understated size does not let a large file in: the download itself is measured.
    expect(list[7].attachments).toEqual([{ name: 'dump.bin', contentType: 'application/octet-stream', size: 4096, note: 'not stored: 4 KB is over the 1 KB limit' }]);
    expect(fake.callsOf('getFile').map((c) => c.params.file_id)).not.toContain(huge.file_id);
    expect(fake.callsOf('getFile').map((c) => c.params.file_id)).not.toContain('thumb');

    // Each update was confirmed only by a later getUpdates, and the group message opened nothing.
    await eventually(() => expect(bot.pending()).toBe(0));
    expect((await request(t.url).get('/api/conversations').set(auth).expect(200)).body.items).toHaveLength(1);
    const channels = await request(t.url).get('/api/channels').set(auth).expect(200);
    expect(channels.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'tg', type: 'telegram', state: 'ready', reason: null })]));
  });

  it('shows an edit in the stored message and keeps the original; a repeated edit changes nothing', async () => {
    const kate = customer(777, { username: 'kate' });
    bot.enqueue(messageUpdate(kate, 10, { text: 'order 1234' }, 1_700_000_000));
    t = await startTestApp({ configYaml: config(fake.url) });
    const [first] = await storedMessages(t, 1);
    expect((await conversations(t))[0].contact.name).toBe('@kate');

    bot.enqueue(editUpdate(kate, 10, 'order 1243, sorry', 1_700_000_100));
    const [edited] = await eventually(async () => {
      const list = await storedMessages(t!, 1);
      expect(list[0].editedAt).not.toBeNull();
      return list;
    });
    expect(edited).toMatchObject({ id: first.id, body: 'order 1243, sorry', originalBody: 'order 1234', editedAt: new Date(1_700_000_100_000).toISOString() });

    // Telegram delivers the same edit again, then a later one: the original stays the first version.
    bot.enqueue(editUpdate(kate, 10, 'order 1243, sorry', 1_700_000_100), editUpdate(kate, 10, 'order 1243 (final)', 1_700_000_200));
    const [final] = await eventually(async () => {
      const list = await storedMessages(t!, 1);
      expect(list[0].body).toBe('order 1243 (final)');
      return list;
    });
    expect(final).toMatchObject({ originalBody: 'order 1234', editedAt: new Date(1_700_000_200_000).toISOString() });
  });

  it('runs several bots at once, each with its own offset and conversations', async () => {
    const other = fake.addBot('222222:AAH-second_bot', 'sales_bot');
    const anna = customer(4242);
    bot.enqueue(messageUpdate(anna, 1, { text: 'to support' }));
    other.enqueue(messageUpdate(anna, 1, { text: 'to sales' }));
    t = await startTestApp({
      configYaml: config(fake.url, `  - id: tg-sales\n    type: telegram\n    token: "222222:AAH-second_bot"\n    apiRoot: ${fake.url}\n    pollTimeoutSeconds: 1`),
    });
    expect((await storedMessages(t, 1, 'tg')).map((m) => m.body)).toEqual(['to support']);
    expect((await storedMessages(t, 1, 'tg-sales')).map((m) => m.body)).toEqual(['to sales']);
    await eventually(() => {
      expect(bot.pending()).toBe(0);
      expect(other.pending()).toBe(0);
    });
  });

  it('shows a wrong token as the channel\'s error in Telegram\'s words while the rest of the server works', async () => {
    t = await startTestApp({ configYaml: config(fake.url).replace(TOKEN, '999999:AAH-revoked') });
    const tg = await eventually(async () => {
      const res = await request(t!.url).get('/api/channels').set(auth).expect(200);
      const channel = res.body.items.find((c: { id: string }) => c.id === 'tg');
      expect(channel.state).toBe('error');
      return channel;
    });
    expect(tg.reason).toBe('Telegram answered 401: Unauthorized');
    expect(JSON.stringify(tg)).not.toContain('AAH-revoked');
    await (await visitor(t.url, 'visitor-still-up')).send({ text: 'hello', clientMessageId: '1' }).expect(201);
    const health = await request(t.url).get('/health').set(auth).expect(503);
    expect(health.body.details['channel:tg']).toMatchObject({ status: 'down', state: 'error', reason: 'Telegram answered 401: Unauthorized' });
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('refuses webhook posts for a polling bot', async () => {
    t = await startTestApp({ configYaml: config(fake.url) });
    await request(t.url).post('/webhooks/telegram/tg').send({ update_id: 1 }).expect(404);
  });
});
