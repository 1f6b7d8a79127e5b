import request from 'supertest';
import { DataSource } from 'typeorm';
import { Message } from '@app/conversations';
import { FakeVkApi } from './support/fake-vk-api';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const ANNA = 7001;

interface MessageView {
  id: number;
  deliveryStatus: string | null;
  error: string | null;
}

describe('vk replies', () => {
  let fake: FakeVkApi;
  let t: TestApp;
  let conversationId: number;

  beforeEach(async () => {
    fake = await FakeVkApi.start();
    fake.addUser(ANNA, 'Анна', 'Петрова');
    t = await startTestApp({
      configYaml: fake.configYaml(`
outbox:
  maxAttempts: 4
  retryBaseMs: 50
  retryMaxMs: 200
  pollMs: 50
`),
    });
    await eventually(() => expect(fake.callsOf('a_check').length).toBeGreaterThan(0));
    fake.publish(fake.messageNew(ANNA, 1, { text: 'Здравствуйте, где заказ?' }));
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

  async function reply(body: string): Promise<number> {
    return (await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body }).expect(201)).body.id;
  }

  async function messageOnceItIs(id: number, status: string, timeoutMs = 10_000): Promise<MessageView> {
    return eventually(async () => {
      const res = await request(t.url).get(`/api/conversations/${conversationId}/messages`).set(auth).expect(200);
      const message = res.body.items.find((m: MessageView) => m.id === id);
      expect(message.deliveryStatus).toBe(status);
      return message;
    }, timeoutMs);
  }

  const sends = () => fake.callsOf('messages.send');

  it('sends a reply once to the customer\'s dialog and stores VK\'s message id', async () => {
    const id = await reply('Заказ в пути');
    await messageOnceItIs(id, 'sent');
    expect(fake.sent.map((s) => [s.peerId, s.text])).toEqual([[ANNA, 'Заказ в пути']]);
    expect(sends()).toHaveLength(1);
    expect(Number(sends()[0].params.random_id)).toBeGreaterThan(0);
    const stored = await t.app.get(DataSource).getRepository(Message).findOneByOrFail({ id });
    expect(stored.externalId).toBe(String(fake.sent[0].messageId));
  });

  it('is never a second message when VK sent it but the answer was lost: the retry carries the same random_id', async () => {
    fake.loseNextAnswers('messages.send');
    const id = await reply('Один раз');
    await messageOnceItIs(id, 'sent');
    expect(sends()).toHaveLength(2);
    expect(sends()[1].params.random_id).toBe(sends()[0].params.random_id);
    expect(fake.sent.map((s) => s.text)).toEqual(['Один раз']);
  });

  it('splits a long reply at paragraphs into parts of at most 4096 characters, each with its own stable random_id', async () => {
    const paragraphs = ['Первый абзац.', 'Второй абзац.', 'Третий абзац.'].map((start, i) => `${start} ${String(i).repeat(2500)}`);
    // The second part meets a server error: the outbox tries again, and VK keeps the first part only once.
    fake.failNext('messages.send', { error_code: 10, error_msg: 'Internal server error' }, 1, 1);
    const id = await reply(paragraphs.join('\n\n'));
    await messageOnceItIs(id, 'sent');

    expect(fake.sent.map((s) => s.text)).toEqual(paragraphs);
    expect(fake.sent.every((s) => s.text.length <= 4096)).toBe(true);
    const randomIds = sends().map((c) => c.params.random_id);
    // Part 1, part 2 (refused), then all three again: VK delivers part 1 once, by its random_id.
    const [first, second, third] = [...new Set(randomIds)];
    expect(randomIds).toEqual([first, second, first, second, third]);
    const stored = await t.app.get(DataSource).getRepository(Message).findOneByOrFail({ id });
    expect(stored.meta).toMatchObject({ vkMessageIds: fake.sent.map((s) => s.messageId) });
  });

  it('marks a reply to a user who forbade messages (901) failed with VK\'s reason at once, and sends it on retry', async () => {
    fake.failNext('messages.send', { error_code: 901, error_msg: 'Can\'t send messages for users without permission' });
    const id = await reply('Ваш заказ в пути');
    const failed = await messageOnceItIs(id, 'failed');
    expect(failed.error).toBe('Can\'t send messages for users without permission (VK error 901)');
    expect(sends()).toHaveLength(1); // no pointless retries

    const channels = await request(t.url).get('/api/channels').set(auth).expect(200);
    expect(channels.body.items[0]).toMatchObject({ id: 'vk', state: 'ready' });
    // The customer allows messages and asks to be answered again.
    await request(t.url).post(`/api/messages/${id}/retry`).set(auth).expect(200);
    const sent = await messageOnceItIs(id, 'sent');
    expect(sent.error).toBeNull();
    expect(fake.sent.map((s) => s.text)).toEqual(['Ваш заказ в пути']);
  });

  it('waits out flood control (9) and too many requests (6), then sends', async () => {
    fake.failNext('messages.send', { error_code: 9, error_msg: 'Flood control' });
    fake.failNext('messages.send', { error_code: 6, error_msg: 'Too many requests per second' });
    const id = await reply('Проверяем');
    const sent = await messageOnceItIs(id, 'sent');
    expect(sent.error).toBeNull();
    const attempts = sends();
    expect(attempts).toHaveLength(3);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(950);
    expect(fake.sent.map((s) => s.text)).toEqual(['Проверяем']);
  });

  it('keeps to 20 requests a second to VK under a burst of replies', async () => {
    const count = 45;
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push(await reply(`ответ ${i}`));
    await eventually(() => expect(fake.sent).toHaveLength(count), 15_000);
    await messageOnceItIs(ids[count - 1], 'sent');

    const times = fake.calls.filter((c) => c.method !== 'a_check' && c.method !== 'download').map((c) => c.at).sort((a, b) => a - b);
    for (let i = 20; i < times.length; i++) expect(times[i] - times[i - 20]).toBeGreaterThanOrEqual(1000);
    expect(times[times.length - 1] - times[times.length - count]).toBeGreaterThanOrEqual(2000);
    expect(new Set(sends().map((c) => c.params.random_id)).size).toBe(count);
  });

  async function replyWithFiles(body: string, files: { data: Buffer; filename: string; contentType: string }[]): Promise<number> {
    const uploaded = [];
    for (const f of files) uploaded.push((await request(t.url).post('/api/attachments').set(auth).attach('file', f.data, { filename: f.filename, contentType: f.contentType }).expect(201)).body);
    const created = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth)
      .send({ body, attachments: uploaded.map(({ storageKey, name, contentType }) => ({ storageKey, name, contentType })) })
      .expect(201);
    return created.body.id;
  }

  it('sends the files an agent attached: images as photos, the rest as documents, uploaded the way VK takes them', async () => {
    const id = await replyWithFiles('Счёт и фото', [
      { data: Buffer.from('png bytes'), filename: 'box.png', contentType: 'image/png' },
      { data: Buffer.from('%PDF bytes'), filename: 'invoice.pdf', contentType: 'application/pdf' },
    ]);
    await messageOnceItIs(id, 'sent');

    expect(fake.sent.map((s) => [s.text, s.files.map((f) => [f.kind, f.name, f.contentType, f.data.toString()])])).toEqual([
      ['Счёт и фото', []],
      ['', [['photo', 'box.png', 'image/png', 'png bytes'], ['doc', 'invoice.pdf', 'application/pdf', '%PDF bytes']]],
    ]);
    expect(sends()[1].params.attachment).toMatch(/^photo-\d+_\d+_ak1,doc-\d+_\d+$/);
    const stored = await t.app.get(DataSource).getRepository(Message).findOneByOrFail({ id });
    expect(stored.meta).toMatchObject({ vkMessageIds: fake.sent.map((s) => s.messageId) });
  });

  it('fails a reply whose file VK refuses, with VK\'s reason, visible to agents', async () => {
    fake.refuseUploads = 'file type is not allowed';
    const id = await replyWithFiles('', [{ data: Buffer.from('MZ'), filename: 'setup.exe', contentType: 'application/x-msdownload' }]);
    const failed = await messageOnceItIs(id, 'failed');
    expect(failed.error).toBe('VK refused the file: file type is not allowed');
    expect(fake.sent).toHaveLength(0);
    expect(fake.callsOf('docs.getMessagesUploadServer')).toHaveLength(1); // failed at once, not retried
  });
});
