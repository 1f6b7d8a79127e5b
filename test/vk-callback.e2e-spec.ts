import request from 'supertest';
import { FakeVkApi } from './support/fake-vk-api';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const SECRET = 'cbSecret2026';
const CODE = 'e5f1a2b3';
const ANNA = 7001;

function config(fake: FakeVkApi) {
  return `
channels:
  - id: vk-shop
    type: vk
    name: Shop in VK
    token: "${fake.token}"
    groupId: ${fake.groupId}
    mode: callback
    confirmationCode: "${CODE}"
    secret: ${SECRET}
    apiBaseUrl: ${fake.apiBaseUrl}
attachments:
  maxSize: 1KB
`;
}

interface MessageView {
  body: string;
  originalBody: string | null;
  attachments: { name: string; contentType: string; size: number; storageKey?: string; note?: string }[];
}

describe('vk by the Callback API', () => {
  let fake: FakeVkApi;
  let t: TestApp | null = null;

  beforeEach(async () => {
    fake = await FakeVkApi.start();
    fake.addUser(ANNA, 'Анна', 'Петрова');
    t = await startTestApp({ configYaml: config(fake) });
  });
  afterEach(async () => {
    await t?.destroy();
    t = null;
    await fake.close();
  });

  const post = (event: Record<string, unknown>, secret: string | null = SECRET) =>
    request(t!.url).post('/webhooks/vk/vk-shop').set('Content-Type', 'application/json').send(JSON.stringify(secret === null ? event : { ...event, secret }));

  async function conversations() {
    return (await request(t!.url).get('/api/conversations').query({ channel: 'vk-shop' }).set(auth).expect(200)).body.items;
  }

  async function storedMessages(): Promise<MessageView[]> {
    const all: MessageView[] = [];
    for (const c of await conversations()) {
      all.push(...(await request(t!.url).get(`/api/conversations/${c.id}/messages`).set(auth).expect(200)).body.items);
    }
    return all;
  }

  it('answers VK\'s confirmation request with the configured code, as plain text', async () => {
    const res = await post({ type: 'confirmation', group_id: fake.groupId }, null).expect(200);
    expect(res.type).toBe('text/plain');
    expect(res.text).toBe(CODE);
    // With the secret, too; but a wrong secret or another community gets nothing.
    expect((await post({ type: 'confirmation', group_id: fake.groupId }).expect(200)).text).toBe(CODE);
    await post({ type: 'confirmation', group_id: fake.groupId }, 'wrong').expect(401);
    await post({ type: 'confirmation', group_id: 1 }, null).expect(400);
    await eventually(async () => {
      const res = await request(t!.url).get('/api/channels').set(auth).expect(200);
      expect(res.body.items.find((c: { id: string }) => c.id === 'vk-shop')).toMatchObject({ type: 'vk', state: 'ready' });
    });
  });

  it('refuses a forged or unsigned event with 401 and stores nothing', async () => {
    const event = fake.messageNew(ANNA, 10, { text: 'forged' });
    await post(event, null).expect(401);
    await post(event, 'wrong-secret').expect(401);
    await post(event, `${SECRET}x`).expect(401);
    await post(event, '').expect(401);
    expect(await storedMessages()).toEqual([]);
    await request(t!.url).post('/webhooks/vk/vk-shop').set('Content-Type', 'application/json').send('not json').expect(400);
    expect(await storedMessages()).toEqual([]);
  });

  it('stores an event before answering "ok", names the customer by users.get, and stores a redelivered event once', async () => {
    const event = fake.messageNew(ANNA, 11, { text: 'Где мой заказ?' });
    const res = await post(event).expect(200);
    expect(res.text).toBe('ok');
    // No waiting: "ok" came after the commit.
    expect((await storedMessages()).map((m) => m.body)).toEqual(['Где мой заказ?']);
    const [conversation] = await conversations();
    expect(conversation).toMatchObject({ channel: { id: 'vk-shop', type: 'vk', name: 'Shop in VK' }, contact: { name: 'Анна Петрова' } });

    expect((await post(event).expect(200)).text).toBe('ok');
    expect((await post({ ...event, event_id: 'another-delivery-id' }).expect(200)).text).toBe('ok');
    expect((await storedMessages()).map((m) => m.body)).toEqual(['Где мой заказ?']);
    expect(fake.callsOf('users.get')).toHaveLength(1);
  });

  it('keeps photos, documents and voice messages, notes a file over the limit, and shows stickers as placeholders', async () => {
    const photoSmall = fake.addFile('p-small.jpg', Buffer.from('small'));
    const photoLarge = fake.addFile('p-large.jpg', Buffer.from('large jpeg bytes'));
    const pdf = fake.addFile('invoice.pdf', Buffer.from('%PDF-1.4 invoice'));
    const voice = fake.addFile('voice.ogg', Buffer.from('OggS voice'));
    const big = fake.addFile('big.zip', Buffer.alloc(4096, 1));
    await post(fake.messageNew(ANNA, 20, {
      text: 'чек и счёт',
      attachments: [
        { type: 'photo', photo: { id: 1, owner_id: ANNA, sizes: [{ type: 's', url: photoSmall, width: 75, height: 75 }, { type: 'x', url: photoLarge, width: 604, height: 604 }] } },
        { type: 'doc', doc: { id: 2, owner_id: ANNA, title: 'invoice.pdf', ext: 'pdf', size: 16, url: pdf } },
      ],
    })).expect(200);
    await post(fake.messageNew(ANNA, 21, { attachments: [{ type: 'audio_message', audio_message: { id: 3, owner_id: ANNA, duration: 2, link_ogg: voice, link_mp3: voice } }] })).expect(200);
    // Announced as 2 GB: not even downloaded.
    await post(fake.messageNew(ANNA, 22, { attachments: [{ type: 'doc', doc: { id: 4, owner_id: ANNA, title: 'backup', ext: 'zip', size: 2 * 1024 ** 3, url: big } }] })).expect(200);
    // Announced as 10 bytes, actually 4 KB: counted while downloading.
    await post(fake.messageNew(ANNA, 23, { attachments: [{ type: 'doc', doc: { id: 5, owner_id: ANNA, title: 'small', ext: 'zip', size: 10, url: big } }] })).expect(200);
    await post(fake.messageNew(ANNA, 24, { attachments: [{ type: 'sticker', sticker: { sticker_id: 9, product_id: 1 } }] })).expect(200);

    const messages = await storedMessages();
    expect(messages.map((m) => m.body)).toEqual(['чек и счёт', '', '', '', '[sticker]']);
    expect(messages[0].attachments).toEqual([
      expect.objectContaining({ name: 'photo7001_1.jpg', contentType: 'image/jpeg', size: 16, storageKey: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      expect.objectContaining({ name: 'invoice.pdf', contentType: 'application/pdf', size: 16, storageKey: expect.any(String) }),
    ]);
    expect(messages[1].attachments).toEqual([expect.objectContaining({ name: 'voice7001_3.ogg', contentType: 'audio/ogg', size: 10, storageKey: expect.any(String) })]);
    expect(messages[2].attachments[0]).toMatchObject({ name: 'backup.zip', note: expect.stringMatching(/not stored: .* is over the 1 KB limit/) });
    expect(messages[3].attachments[0]).toMatchObject({ name: 'small.zip', note: expect.stringMatching(/not stored: .* is over the 1 KB limit/) });
    expect(messages[2].attachments[0].storageKey).toBeUndefined();
    expect(messages[3].attachments[0].storageKey).toBeUndefined();
    expect(fake.callsOf('download').map((c) => c.params.name)).toEqual(['p-large.jpg', 'invoice.pdf', 'voice.ogg', 'big.zip']);

    const stored = await request(t!.url).get(`/api/attachments/${messages[0].attachments[0].storageKey}`).set(auth).expect(200);
    expect(Buffer.from(stored.body).toString()).toBe('large jpeg bytes');
  });

  it('answers 500 when an event cannot be stored, so VK delivers it again, and stores it then', async () => {
    const photo = fake.addFile('flaky.jpg', Buffer.from('flaky'));
    const event = fake.messageNew(ANNA, 30, { text: 'фото', attachments: [{ type: 'photo', photo: { id: 6, owner_id: ANNA, sizes: [{ url: `${photo}-missing`, width: 1, height: 1 }] } }] });
    const res = await post(event).expect(500);
    expect(res.text).not.toBe('ok');
    expect(await storedMessages()).toEqual([]);
    // After repeated failures the message is kept with a note rather than stall on a file that cannot be fetched.
    await post(event).expect(500);
    await post(event).expect(500);
    await post(event).expect(200);
    const [message] = await storedMessages();
    expect(message).toMatchObject({ body: 'фото', attachments: [{ name: 'photo7001_6.jpg', note: 'could not be downloaded: file download failed: HTTP 404' }] });
  });
});
