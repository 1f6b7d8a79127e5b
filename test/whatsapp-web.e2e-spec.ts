import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import request from 'supertest';
import { linkWhatsappWeb, whatsappChannelType } from '@app/channels/whatsapp';
import { loadAppConfig } from '../apps/inbox/src/load-app-config';
import { binary } from './support/binary-body';
import { FakeChat, FakeWwebClient, FakeWwebDevice, fakeMessage } from './support/fake-wweb-client';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp, uploadAttachment } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CUSTOMER = '4915112345678';
const CHAT = `${CUSTOMER}@c.us`;
const CONFIG = `
channels:
  - id: wa
    type: whatsapp
    name: WhatsApp
    connection: web
    sendIntervalMs: 150
    reconnectBaseMs: 300
    reconnectMaxMs: 600
outbox:
  maxAttempts: 10
  retryBaseMs: 40
  retryMaxMs: 200
  pollMs: 20
attachments:
  maxSize: 1KB
`;

interface MessageRow { id: number; direction: string; body: string; deliveryStatus: string | null; error: string | null; attachments: { name: string; contentType: string; size: number; storageKey?: string; note?: string }[] }

describe('WhatsApp channel, connection: web (fake whatsapp-web.js client)', () => {
  let t: TestApp | null = null;
  let device: FakeWwebDevice;

  async function start(prepare?: (client: FakeWwebClient) => void, dir?: string): Promise<TestApp> {
    device = new FakeWwebDevice(prepare);
    t = await startTestApp({
      configYaml: CONFIG,
      dir,
      channelTypes: [whatsappChannelType({ webClientFactory: device.factory })],
    });
    await eventually(() => expect(device.current.initialized).toBe(1));
    return t;
  }

  async function channel() {
    const res = await request(t!.url).get('/api/channels').set(auth).expect(200);
    return res.body.items.find((c: { id: string }) => c.id === 'wa');
  }

  async function ready(): Promise<FakeWwebClient> {
    device.current.link();
    await eventually(async () => expect((await channel()).state).toBe('ready'));
    return device.current;
  }

  async function conversations() {
    return (await request(t!.url).get('/api/conversations').set(auth).expect(200)).body.items as { id: number; contact: { name: string } }[];
  }

  async function messages(conversationId: number): Promise<MessageRow[]> {
    return (await request(t!.url).get(`/api/conversations/${conversationId}/messages`).set(auth).expect(200)).body.items;
  }

  async function conversationWith(text: string): Promise<number> {
    device.current.emit('message', fakeMessage({ from: CHAT, body: text, pushname: 'Kerry' }));
    return eventually(async () => {
      const [conversation] = await conversations();
      expect(conversation).toBeDefined();
      return conversation.id;
    });
  }

  async function messageOf(conversationId: number, id: number): Promise<MessageRow> {
    return (await messages(conversationId)).find((m) => m.id === id)!;
  }

  afterEach(async () => {
    await t?.destroy();
    t = null;
  });

  it('links by QR: the states show in GET /api/channels, ops get the QR as a PNG while it waits, agents do not', async () => {
    await start();
    expect(device.current.options).toEqual({ channelId: 'wa', sessionDir: join(t!.config.dataDir, 'channels', 'wa', 'session'), executablePath: '/usr/bin/chromium' });
    expect((await channel()).state).toBe('connecting');
    await request(t!.url).get('/api/channels/wa/qr').set(auth).expect(409);

    device.current.emit('qr', '2@fake-qr-code,one');
    await eventually(async () => expect(await channel()).toMatchObject({ type: 'whatsapp', state: 'qr', reason: expect.stringMatching(/scanned/) }));
    const png = await request(t!.url).get('/api/channels/wa/qr').set(auth).buffer(true).parse(binary).expect(200).expect('Content-Type', 'image/png');
    expect(png.body).toEqual(await QRCode.toBuffer('2@fake-qr-code,one', { type: 'png', width: 320, margin: 2 }));

    const agent = await request(t!.url).post('/api/agents').set(auth).send({ name: 'Anna', email: 'anna@example.com', role: 'agent' }).expect(201);
    await request(t!.url).get('/api/channels/wa/qr').set({ Authorization: `Bearer ${agent.body.token}` }).expect(403);
    await request(t!.url).get('/api/channels/nope/qr').set(auth).expect(404);

    device.current.emit('qr', '2@fake-qr-code,two'); // WhatsApp rotates the code
    const rotated = await request(t!.url).get('/api/channels/wa/qr').set(auth).buffer(true).parse(binary).expect(200);
    expect(rotated.body).toEqual(await QRCode.toBuffer('2@fake-qr-code,two', { type: 'png', width: 320, margin: 2 }));

    device.current.emit('authenticated');
    await eventually(async () => expect((await channel()).state).toBe('authenticated'));
    await request(t!.url).get('/api/channels/wa/qr').set(auth).expect(409);
    device.current.emit('ready');
    await eventually(async () => expect(await channel()).toMatchObject({ state: 'ready', reason: null }));
    const health = await request(t!.url).get('/health').set(auth).expect(200);
    expect(health.body.details['channel:wa']).toMatchObject({ status: 'up', state: 'ready' });
  });

  it('stores text, image, document, voice and location from customers once each, files within the size limit', async () => {
    await start();
    const client = await ready();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const pdf = Buffer.from('%PDF-1.4 invoice');
    const ogg = Buffer.from('OggS voice note');
    const text = fakeMessage({ from: CHAT, body: 'Hallo, my order is late', pushname: 'Kerry' });
    client.emit('message', text);
    client.emit('message', fakeMessage({ from: CHAT, type: 'image', body: 'the label', media: { mimetype: 'image/png', data: png } }));
    client.emit('message', fakeMessage({ from: CHAT, type: 'document', body: '', media: { mimetype: 'application/pdf', data: pdf, filename: 'invoice.pdf' } }));
    client.emit('message', fakeMessage({ from: CHAT, type: 'ptt', media: { mimetype: 'audio/ogg; codecs=opus', data: ogg } }));
    client.emit('message', fakeMessage({ from: CHAT, type: 'image', media: { mimetype: 'image/jpeg', data: Buffer.alloc(4096, 1) } }));
    client.emit('message', fakeMessage({ from: CHAT, type: 'location', location: { latitude: '52.52', longitude: '13.405', description: 'Warehouse' } }));
    client.emit('message', text); // the same message id again
    client.emit('message', fakeMessage({ from: '120363000000@g.us', body: 'group chatter' }));
    client.emit('message', fakeMessage({ from: 'status@broadcast', body: 'my status', isStatus: true }));
    client.emit('message', fakeMessage({ from: CHAT, body: 'sent from the phone', fromMe: true }));

    const [conversation] = await eventually(async () => {
      const list = await conversations();
      expect(list).toHaveLength(1);
      expect(await messages(list[0].id)).toHaveLength(6);
      return list;
    });
    expect(conversation.contact.name).toBe('Kerry');
    const rows = await messages(conversation.id);
    expect(rows.map((m) => [m.direction, m.body, m.attachments.map((a) => a.name)])).toEqual([
      ['in', 'Hallo, my order is late', []],
      ['in', 'the label', ['image.png']],
      ['in', '', ['invoice.pdf']],
      ['in', '', ['voice.ogg']],
      ['in', '', ['image.jpg']],
      ['in', 'Location: Warehouse (52.52,13.405) https://maps.google.com/?q=52.52,13.405', []],
    ]);
    const [image, document, voice, tooBig] = rows.slice(1, 5).map((m) => m.attachments[0]);
    expect(tooBig).toMatchObject({ size: 4096, note: 'not stored: 4 KB is over the 1 KB limit' });
    expect(tooBig.storageKey).toBeUndefined();
    for (const [attachment, data] of [[image, png], [document, pdf], [voice, ogg]] as const) {
      const file = await request(t!.url).get(`/api/attachments/${attachment.storageKey}`).set(auth).buffer(true).parse(binary).expect(200);
      expect(file.body).toEqual(data);
    }
    const contact = await request(t!.url).get(`/api/contacts/${(await request(t!.url).get(`/api/conversations/${conversation.id}`).set(auth)).body.contact.id}`).set(auth).expect(200);
    expect(contact.body.identities).toEqual([expect.objectContaining({ channelId: 'wa', externalId: CUSTOMER })]);
  });

  it('sends replies to the customer\'s chat, throttled, and acknowledgements only move the status forward', async () => {
    await start();
    const client = await ready();
    const conversationId = await conversationWith('where is my parcel?');
    const first = await request(t!.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'On its way' }).expect(201);
    const second = await request(t!.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'Tracking: 123' }).expect(201);
    await eventually(async () => expect((await messageOf(conversationId, second.body.id)).deliveryStatus).toBe('sent'));
    expect(client.sent.map((s) => [s.chatId, s.content])).toEqual([[CHAT, 'On its way'], [CHAT, 'Tracking: 123']]);
    expect(client.sent[1].at - client.sent[0].at).toBeGreaterThanOrEqual(140);

    const firstId = client.sent[0].id;
    client.ack(firstId, 2);
    await eventually(async () => expect((await messageOf(conversationId, first.body.id)).deliveryStatus).toBe('delivered'));
    client.ack(firstId, 3);
    await eventually(async () => expect((await messageOf(conversationId, first.body.id)).deliveryStatus).toBe('read'));
    client.ack(firstId, 1); // a late "server" ack never moves it back
    client.ack(firstId, 2);
    client.ack(client.sent[1].id, -1);
    await eventually(async () => expect((await messageOf(conversationId, second.body.id))).toMatchObject({ deliveryStatus: 'failed', error: 'WhatsApp reported an error delivering the message' }));
    expect((await messageOf(conversationId, first.body.id)).deliveryStatus).toBe('read');
  });

  const upload = (name: string, contentType: string, data: Buffer) => uploadAttachment(t!, name, contentType, data);

  /** The reply once its retries are over and it failed. */
  async function failureOf(conversationId: number, id: number): Promise<MessageRow> {
    return eventually(async () => {
      const m = await messageOf(conversationId, id);
      expect(m.deliveryStatus).toBe('failed');
      return m;
    }, 10_000);
  }

  it('sends files as MessageMedia: a photo, a document and a voice message; a file WhatsApp refuses fails the reply with the reason', async () => {
    await start();
    const client = await ready();
    const conversationId = await conversationWith('send me the invoice');
    const files = [
      await upload('фото.jpg', 'image/jpeg', Buffer.from('JFIF photo')),
      await upload('счёт.pdf', 'application/pdf', Buffer.from('%PDF-1.4 invoice')),
      await upload('ответ.ogg', 'audio/ogg', Buffer.from('OggS voice')),
    ];
    const reply = await request(t!.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: '', attachments: files }).expect(201);
    await eventually(async () => expect((await messageOf(conversationId, reply.body.id)).deliveryStatus).toBe('sent'));
    expect(client.sent).toEqual([]);
    expect(client.files.map((f) => [f.chatId, f.file.filename, f.file.mimetype, Buffer.from(f.file.data, 'base64').toString(), f.options])).toEqual([
      [CHAT, 'фото.jpg', 'image/jpeg', 'JFIF photo', { asVoice: false, asDocument: false }],
      [CHAT, 'счёт.pdf', 'application/pdf', '%PDF-1.4 invoice', { asVoice: false, asDocument: true }],
      [CHAT, 'ответ.ogg', 'audio/ogg', 'OggS voice', { asVoice: true, asDocument: false }],
    ]);
    // Receipts of the first part apply to the reply.
    client.ack(client.files[0].id, 2);
    await eventually(async () => expect((await messageOf(conversationId, reply.body.id)).deliveryStatus).toBe('delivered'));

    client.fileFailure = 'Evaluation failed: Error: media upload failed';
    const refused = await request(t!.url).post(`/api/conversations/${conversationId}/messages`).set(auth)
      .send({ body: '', attachments: [await upload('архив.zip', 'application/zip', Buffer.from('PK zip'))] }).expect(201);
    expect((await failureOf(conversationId, refused.body.id)).error).toBe('WhatsApp Web could not send the message: Evaluation failed: Error: media upload failed');
  });

  it('ends a send that keeps failing as failed with the reason', async () => {
    await start();
    const client = await ready();
    const conversationId = await conversationWith('hello?');
    client.sendFailure = 'Evaluation failed: Error: wid error: invalid wid';
    const reply = await request(t!.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'hi' }).expect(201);
    expect((await failureOf(conversationId, reply.body.id)).error).toBe('WhatsApp Web could not send the message: Evaluation failed: Error: wid error: invalid wid');
  });

  it('after a disconnect destroys the client and builds a new one with backoff; a reply waits for it', async () => {
    // The third client cannot load WhatsApp Web at first: the rebuild goes on with a longer delay.
    await start((client) => {
      if (client.index === 1) client.initFailure = 'net::ERR_INTERNET_DISCONNECTED at https://web.whatsapp.com/';
    });
    const first = await ready();
    const conversationId = await conversationWith('are you there?');

    first.emit('disconnected', 'NAVIGATION');
    const lost = await channel();
    expect(lost).toMatchObject({ state: 'disconnected', reason: expect.stringMatching(/WhatsApp Web disconnected \(NAVIGATION\); retry 1 scheduled, a new client in 300 ms/) });
    expect(first.destroyed).toBeGreaterThanOrEqual(1);
    const reply = await request(t!.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'yes, here' }).expect(201);

    await eventually(async () => expect(await channel()).toMatchObject({
      state: 'error', reason: expect.stringMatching(/net::ERR_INTERNET_DISCONNECTED.*retry 2 scheduled, a new client in 600 ms/),
    }));
    expect(device.clients[1].destroyed).toBeGreaterThanOrEqual(1);
    await eventually(() => expect(device.clients).toHaveLength(3), 5000);
    expect(await messageOf(conversationId, reply.body.id)).toMatchObject({ deliveryStatus: 'queued', error: expect.stringMatching(/WhatsApp is not connected/) });

    first.emit('message', fakeMessage({ from: CHAT, body: 'from the dead client' })); // ignored: that client is gone
    const third = await eventually(() => {
      expect(device.current.initialized).toBe(1);
      return device.current;
    });
    third.link();
    await eventually(async () => expect((await messageOf(conversationId, reply.body.id)).deliveryStatus).toBe('sent'), 5000);
    expect(third.sent.map((s) => s.content)).toEqual(['yes, here']);
    expect(first.sent).toEqual([]);
    expect((await messages(conversationId)).map((m) => m.body)).not.toContain('from the dead client');
  });

  it('fetches what arrived while the server was down from the unread chats, storing each message once', async () => {
    await start();
    const stored = fakeMessage({ from: CHAT, body: 'before the stop' });
    await ready();
    device.current.emit('message', stored);
    await eventually(async () => expect(await conversations()).toHaveLength(1));
    const dir = t!.dir;
    await t!.close();
    expect(device.current.destroyed).toBeGreaterThanOrEqual(1);

    const other = '4917600000001@c.us';
    const chats = {
      customer: new FakeChat({ _serialized: CHAT }, 2, [fakeMessage({ from: CHAT, body: 'old, read' }), stored, fakeMessage({ from: CHAT, body: 'while you were down' })]),
      another: new FakeChat({ _serialized: other }, 1, [fakeMessage({ from: other, body: 'new customer', pushname: 'Lee' })]),
      group: new FakeChat({ _serialized: '120363@g.us' }, 5, [fakeMessage({ from: '120363@g.us', body: 'group' })], true),
      read: new FakeChat({ _serialized: '4917700000002@c.us' }, 0, [fakeMessage({ from: '4917700000002@c.us', body: 'already read' })]),
    };
    await start((client) => { client.chats = Object.values(chats); }, dir);
    await ready();

    await eventually(async () => expect(await conversations()).toHaveLength(2));
    const list = await conversations();
    const customer = list.find((c) => c.contact.name !== 'Lee')!;
    await eventually(async () => expect((await messages(customer.id)).map((m) => m.body)).toEqual(['before the stop', 'while you were down']));
    expect((await messages(list.find((c) => c.contact.name === 'Lee')!.id)).map((m) => m.body)).toEqual(['new customer']);
    expect(chats.customer.fetches).toEqual([{ limit: 2 }]);
    expect(chats.group.fetches).toEqual([]);
    expect(chats.read.fetches).toEqual([]);
  });
});

describe('inbox-cli whatsapp link', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'inbox-link-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function config() {
    writeFileSync(join(dir, 'config.yaml'), `
channels:
  - { id: wa, type: whatsapp, connection: web }
  - { id: wa-cloud, type: whatsapp, connection: cloud, phoneNumberId: '1', accessToken: t, appSecret: s, verifyToken: v }
`);
    return loadAppConfig({ INBOX_CONFIG: join(dir, 'config.yaml'), DATA_DIR: join(dir, 'data'), DATABASE_URL: `sqlite:${join(dir, 'x.sqlite')}` });
  }

  it('draws each QR code in the terminal and finishes when the phone has linked the device', async () => {
    const device = new FakeWwebDevice((client) => {
      client.initialize = async () => {
        client.initialized++;
        setImmediate(() => {
          client.emit('qr', '2@first-code');
          client.emit('qr', '2@second-code');
          client.link();
        });
      };
    });
    const drawn: string[] = [];
    const lines: string[] = [];
    const result = await linkWhatsappWeb({
      config: config(), channelId: 'wa', clientFactory: device.factory, log: (l) => lines.push(l),
      showQr: async (code) => { drawn.push(await QRCode.toString(code, { type: 'terminal', small: true })); },
    });
    expect(result).toMatch(/channel wa is linked; the session is saved in .*channels\/wa\/session/);
    expect(drawn).toHaveLength(2);
    expect(drawn[0]).toContain('▄');
    expect(drawn[0]).not.toEqual(drawn[1]);
    expect(lines.join('\n')).toMatch(/Linked devices/);
    expect(device.current.options.sessionDir).toBe(join(dir, 'data', 'channels', 'wa', 'session'));
    expect(device.current.destroyed).toBe(1);
  });

  it('refuses a cloud channel, an unknown one, and a session a running browser holds', async () => {
    const device = new FakeWwebDevice();
    const options = { config: config(), clientFactory: device.factory, log: () => undefined, showQr: () => undefined };
    await expect(linkWhatsappWeb({ ...options, channelId: 'wa-cloud' })).rejects.toThrow('channel wa-cloud uses connection: cloud; only connection: web is linked by a QR code');
    await expect(linkWhatsappWeb({ ...options, channelId: 'nope' })).rejects.toThrow(/no whatsapp channel "nope"/);
    const profile = join(dir, 'data', 'channels', 'wa', 'session', 'session');
    mkdirSync(profile, { recursive: true });
    symlinkSync(`${hostname()}-${process.pid}`, join(profile, 'SingletonLock'));
    await expect(linkWhatsappWeb({ ...options, channelId: 'wa' })).rejects.toThrow(/open in a running browser .* GET \/api\/channels\/wa\/qr/);
    expect(device.clients).toHaveLength(0);
  });
});
