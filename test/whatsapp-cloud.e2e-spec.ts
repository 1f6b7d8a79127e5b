import request from 'supertest';
import { ChannelContext, InboundMessage, SendError } from '@app/channels';
import { hubSignature, whatsappChannelType, WhatsappCloudAdapter, WhatsappCloudSettings } from '@app/channels/whatsapp';
import { FakeGraphApi } from './support/fake-graph-api';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp, uploadAttachment } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const PHONE_NUMBER_ID = '1234567890';
const ACCESS_TOKEN = 'test-access-token';
const APP_SECRET = 'test-app-secret';
const CUSTOMER = '4915112345678';
const HOUR = 3600_000;
const CONFIG = `
channels:
  - id: wa-cloud
    type: whatsapp
    name: WhatsApp Business
    connection: cloud
    phoneNumberId: "${PHONE_NUMBER_ID}"
    accessToken: \${GRAPH_TOKEN:-${ACCESS_TOKEN}}
    appSecret: ${APP_SECRET}
    verifyToken: test-verify-token
    apiRoot: \${GRAPH_API_ROOT}
    sendIntervalMs: 20
outbox:
  maxAttempts: 3
  retryBaseMs: 40
  retryMaxMs: 200
  pollMs: 20
attachments:
  maxSize: 1KB
`;

interface MessageRow { id: number; direction: string; body: string; deliveryStatus: string | null; error: string | null; attachments: { name: string; size: number; storageKey?: string; note?: string }[] }

/** A Cloud API webhook body with these messages/statuses for our phone number. */
function webhook(value: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[] }): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001234', phone_number_id: PHONE_NUMBER_ID }, ...value } }] }],
  });
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));
const text = (id: string, body: string, from = CUSTOMER, at = Date.now()) => ({ from, id, timestamp: seconds(at), type: 'text', text: { body } });
const status = (id: string, s: string, extra: Record<string, unknown> = {}) => ({ id, status: s, timestamp: seconds(Date.now()), recipient_id: CUSTOMER, ...extra });

describe('WhatsApp channel, connection: cloud (loopback Graph API, signed webhooks)', () => {
  let graph: FakeGraphApi;
  let t: TestApp;

  async function start(env: Record<string, string> = {}): Promise<TestApp> {
    t = await startTestApp({ configYaml: CONFIG, env: { GRAPH_API_ROOT: graph.apiRoot, ...env } });
    return t;
  }

  function post(body: string, signature: string | null = hubSignature(body, APP_SECRET)) {
    const req = request(t.url).post('/webhooks/whatsapp/wa-cloud').set('Content-Type', 'application/json');
    if (signature !== null) req.set('X-Hub-Signature-256', signature);
    return req.send(body);
  }

  async function conversations() {
    return (await request(t.url).get('/api/conversations').set(auth).expect(200)).body.items as { id: number; contact: { name: string; id: number } }[];
  }

  async function messages(conversationId: number): Promise<MessageRow[]> {
    return (await request(t.url).get(`/api/conversations/${conversationId}/messages`).set(auth).expect(200)).body.items;
  }

  async function conversationOf(from: string, at = Date.now()): Promise<number> {
    await post(webhook({ contacts: [{ profile: { name: from }, wa_id: from }], messages: [text(`wamid.IN-${from}-${at}`, 'hello', from, at)] })).expect(200);
    return (await conversations()).find((c) => c.contact.name === from)!.id;
  }

  async function messageOf(conversationId: number, id: number): Promise<MessageRow> {
    return (await messages(conversationId)).find((m) => m.id === id)!;
  }

  beforeEach(async () => {
    graph = await new FakeGraphApi(PHONE_NUMBER_ID, ACCESS_TOKEN).start();
  });
  afterEach(async () => {
    await t?.destroy();
    await graph.close();
  });

  it('answers the verification challenge with the verify token only, and checks the number with the access token', async () => {
    await start();
    const ok = await request(t.url).get('/webhooks/whatsapp/wa-cloud').query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'test-verify-token', 'hub.challenge': '1158201444' }).expect(200);
    expect(ok.text).toBe('1158201444');
    await request(t.url).get('/webhooks/whatsapp/wa-cloud').query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' }).expect(403);
    await eventually(async () => {
      const res = await request(t.url).get('/api/channels').set(auth).expect(200);
      expect(res.body.items).toEqual([expect.objectContaining({ id: 'wa-cloud', type: 'whatsapp', state: 'ready' })]);
    });
    expect(graph.requests[0]).toEqual({ method: 'GET', path: `/v23.0/${PHONE_NUMBER_ID}`, authorization: `Bearer ${ACCESS_TOKEN}` });
  });

  it('shows a rejected access token as the channel\'s error, with the Graph API\'s reason', async () => {
    await start({ GRAPH_TOKEN: 'expired-token' });
    await eventually(async () => {
      const res = await request(t.url).get('/api/channels').set(auth).expect(200);
      expect(res.body.items[0]).toMatchObject({ state: 'error', reason: expect.stringMatching(/^Graph API 401: Invalid OAuth access token.*\(190\); checking again in 30 s/) });
    });
  });

  it('refuses a forged, missing or mismatched signature with 401 and stores nothing', async () => {
    await start();
    const body = webhook({ messages: [text('wamid.FORGED', 'send me the refund')] });
    expect((await post(body, hubSignature(body, 'not-the-app-secret')).expect(401)).body).toEqual({ error: 'missing or invalid X-Hub-Signature-256' });
    await post(body, null).expect(401);
    await post(body.replace('refund', 'refund!'), hubSignature(body, APP_SECRET)).expect(401);
    expect(await conversations()).toEqual([]);
  });

  it('stores text, image, document, voice and location once, files fetched from the Graph API with the token', async () => {
    await start();
    graph.addMedia('media-img', Buffer.from('89504e470d0a1a0a', 'hex'), 'image/png');
    graph.addMedia('media-pdf', Buffer.from('%PDF-1.4 invoice'), 'application/pdf');
    graph.addMedia('media-ogg', Buffer.from('OggS voice'), 'audio/ogg');
    graph.addMedia('media-big', Buffer.alloc(5000, 7), 'image/jpeg');
    const body = webhook({
      contacts: [{ profile: { name: 'Kerry' }, wa_id: CUSTOMER }],
      messages: [
        text('wamid.1', 'My order is late'),
        { from: CUSTOMER, id: 'wamid.2', timestamp: seconds(Date.now()), type: 'image', image: { id: 'media-img', mime_type: 'image/png', caption: 'the label' } },
        { from: CUSTOMER, id: 'wamid.3', timestamp: seconds(Date.now()), type: 'document', document: { id: 'media-pdf', mime_type: 'application/pdf', filename: 'invoice.pdf' } },
        { from: CUSTOMER, id: 'wamid.4', timestamp: seconds(Date.now()), type: 'audio', audio: { id: 'media-ogg', mime_type: 'audio/ogg', voice: true } },
        { from: CUSTOMER, id: 'wamid.5', timestamp: seconds(Date.now()), type: 'image', image: { id: 'media-big', mime_type: 'image/jpeg' } },
        { from: CUSTOMER, id: 'wamid.6', timestamp: seconds(Date.now()), type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Warehouse', address: 'Dock 4' } },
      ],
    });
    expect((await post(body).expect(200)).body).toEqual({ received: 6, statuses: 0 });
    await post(body).expect(200); // Meta delivers again
    const list = await conversations();
    expect(list).toHaveLength(1);
    expect(list[0].contact.name).toBe('Kerry');
    const rows = await messages(list[0].id);
    expect(rows.map((m) => [m.body, m.attachments.map((a) => a.name)])).toEqual([
      ['My order is late', []],
      ['the label', ['image.png']],
      ['', ['invoice.pdf']],
      ['', ['voice.ogg']],
      ['', ['image.jpg']],
      ['Location: Warehouse, Dock 4 (52.52,13.405) https://maps.google.com/?q=52.52,13.405', []],
    ]);
    expect(rows[4].attachments[0]).toMatchObject({ size: 5000, note: 'not stored: 4.9 KB is over the 1 KB limit' });
    const file = await request(t.url).get(`/api/attachments/${rows[3].attachments[0].storageKey}`).set(auth).buffer(true).parse(binary).expect(200);
    expect(file.body).toEqual(Buffer.from('OggS voice'));
    expect(graph.requests.filter((r) => r.path === '/media-files/media-big')).toEqual([]); // announced size over the limit: not downloaded
    expect(graph.requests.every((r) => r.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
    const contact = await request(t.url).get(`/api/contacts/${list[0].contact.id}`).set(auth).expect(200);
    expect(contact.body.identities).toEqual([expect.objectContaining({ channelId: 'wa-cloud', externalId: CUSTOMER })]);
  });

  it('sends replies through the Graph API and applies statuses in any order, forward only', async () => {
    await start();
    const conversationId = await conversationOf(CUSTOMER);
    const first = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'On its way' }).expect(201);
    const second = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'Tracking 123' }).expect(201);
    await eventually(async () => expect((await messageOf(conversationId, second.body.id)).deliveryStatus).toBe('sent'));
    expect(graph.sends.map((s) => [s.phoneNumberId, s.authorization, s.body])).toEqual([
      [PHONE_NUMBER_ID, `Bearer ${ACCESS_TOKEN}`, { messaging_product: 'whatsapp', recipient_type: 'individual', to: CUSTOMER, type: 'text', text: { body: 'On its way', preview_url: false } }],
      [PHONE_NUMBER_ID, `Bearer ${ACCESS_TOKEN}`, { messaging_product: 'whatsapp', recipient_type: 'individual', to: CUSTOMER, type: 'text', text: { body: 'Tracking 123', preview_url: false } }],
    ]);
    const [a, b] = graph.sends.map((s) => s.id);

    await post(webhook({ statuses: [status(a, 'read')] })).expect(200);
    await post(webhook({ statuses: [status(a, 'delivered'), status(a, 'sent')] })).expect(200);
    await post(webhook({ statuses: [status(b, 'failed', { errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'The recipient has not accepted our new Terms of Service.' } }] })] })).expect(200);
    await post(webhook({ statuses: [status(a, 'failed', { errors: [{ code: 131000, title: 'Something went wrong' }] })] })).expect(200);
    expect(await messageOf(conversationId, first.body.id)).toMatchObject({ deliveryStatus: 'read', error: null });
    expect(await messageOf(conversationId, second.body.id)).toMatchObject({
      deliveryStatus: 'failed', error: 'Message undeliverable (131026): The recipient has not accepted our new Terms of Service.',
    });
  });

  it('refuses a free-form reply outside the 24-hour window with a clear error, and sends it inside', async () => {
    await start();
    const conversationId = await conversationOf(CUSTOMER, Date.now() - 25 * HOUR);
    const refused = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'Sorry for the wait' }).expect(422);
    expect(refused.body.message).toMatch(/24-hour customer service window with 4915112345678 is closed .*a template message is needed/);
    await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'call them', kind: 'note' }).expect(201);
    expect((await messages(conversationId)).map((m) => m.direction)).toEqual(['in', 'note']);

    await post(webhook({ messages: [text('wamid.AGAIN', 'anyone?')] })).expect(200);
    const reply = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'Here now' }).expect(201);
    await eventually(async () => expect((await messageOf(conversationId, reply.body.id)).deliveryStatus).toBe('sent'));
    expect(graph.sends.map((s) => s.body.text?.body)).toEqual(['Here now']);
  });

  const upload = (name: string, contentType: string, data: Buffer) => uploadAttachment(t, name, contentType, data);

  it('sends files: uploaded to the Graph API, then sent by media id as a photo, a document and a voice message', async () => {
    await start();
    const conversationId = await conversationOf(CUSTOMER);
    const files = [
      await upload('фото.png', 'image/png', Buffer.from('\x89PNG fake')),
      await upload('счёт.pdf', 'application/pdf', Buffer.from('%PDF-1.4 invoice')),
      await upload('ответ.ogg', 'audio/ogg', Buffer.from('OggS voice')),
    ];
    const reply = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'Документы', attachments: files }).expect(201);
    await eventually(async () => expect((await messageOf(conversationId, reply.body.id)).deliveryStatus).toBe('sent'));
    expect(graph.uploads.map((u) => [u.name, u.type, u.data.toString()])).toEqual([
      ['фото.png', 'image/png', '\x89PNG fake'], ['счёт.pdf', 'application/pdf', '%PDF-1.4 invoice'], ['ответ.ogg', 'audio/ogg', 'OggS voice'],
    ]);
    const [photo, invoice, voice] = graph.uploads.map((u) => u.id);
    expect(graph.sends.map((s) => s.body)).toEqual([
      expect.objectContaining({ to: CUSTOMER, type: 'text', text: { body: 'Документы', preview_url: false } }),
      expect.objectContaining({ to: CUSTOMER, type: 'image', image: { id: photo } }),
      expect.objectContaining({ to: CUSTOMER, type: 'document', document: { id: invoice, filename: 'счёт.pdf' } }),
      expect.objectContaining({ to: CUSTOMER, type: 'audio', audio: { id: voice } }),
    ]);
  });

  it('fails a reply whose file WhatsApp refuses, with the reason, and sends none of it', async () => {
    await start();
    const conversationId = await conversationOf(CUSTOMER);
    graph.uploadFailures.push({ status: 400, error: { message: '(#131053) Media upload error', code: 131053, title: 'Media upload error', error_data: { details: 'Unsupported file type.' } } });
    const file = await upload('program.exe', 'application/x-msdownload', Buffer.from('MZ'));
    const reply = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'Вот файл', attachments: [file] }).expect(201);
    await eventually(async () => expect((await messageOf(conversationId, reply.body.id)).deliveryStatus).toBe('failed'));
    expect((await messageOf(conversationId, reply.body.id)).error).toBe('Graph API 400: Media upload error (131053): Unsupported file type.');
    expect(graph.sends).toEqual([]);
  });

  it('ends a send the Graph API refuses as failed with its reason', async () => {
    await start();
    const conversationId = await conversationOf(CUSTOMER);
    graph.sendFailures.push(
      { status: 400, error: { message: '(#131026) Message undeliverable', code: 131026, title: 'Message undeliverable', error_data: { details: 'Unable to deliver the message.' } } },
      { status: 400, error: { message: 'Re-engagement message', code: 131047, title: 'Re-engagement message' } },
    );
    const first = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'one' }).expect(201);
    const second = await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body: 'two' }).expect(201);
    await eventually(async () => expect((await messageOf(conversationId, second.body.id)).deliveryStatus).toBe('failed'));
    expect((await messageOf(conversationId, first.body.id))).toMatchObject({ deliveryStatus: 'failed', error: 'Graph API 400: Message undeliverable (131026): Unable to deliver the message.' });
    expect((await messageOf(conversationId, second.body.id)).error).toMatch(/window .* is closed \(WhatsApp refused the message with error 131047\).*template message is needed/);
    expect(graph.sends).toEqual([]);
  });
});

describe('WhatsApp Cloud adapter at send time', () => {
  let graph: FakeGraphApi;
  beforeEach(async () => {
    graph = await new FakeGraphApi(PHONE_NUMBER_ID, ACCESS_TOKEN).start();
  });
  afterEach(() => graph.close());

  it('refuses a reply queued before the window closed, without calling the Graph API', async () => {
    let now = Date.parse('2025-03-10T12:00:00Z');
    const settings: WhatsappCloudSettings = {
      connection: 'cloud', phoneNumberId: PHONE_NUMBER_ID, accessToken: ACCESS_TOKEN, appSecret: APP_SECRET, verifyToken: 'v', apiRoot: graph.apiRoot, sendIntervalMs: 0,
    };
    const adapter = whatsappChannelType({ cloud: { now: () => now } }).create({ id: 'c', type: 'whatsapp', name: 'c', enabled: true, settings: { ...settings }, policy: {} }, { get: () => { throw new Error('no services'); } }) as WhatsappCloudAdapter;
    // The inbound messages the adapter stored, as the database would answer for the customer's last one.
    const stored: InboundMessage[] = [];
    const context: ChannelContext = {
      inbound: async (m) => {
        stored.push(m);
        return { duplicate: false, conversationId: 1, messageId: stored.length };
      },
      quarantine: async () => undefined,
      edits: async () => undefined,
      receipts: async () => undefined,
      cursors: { get: async () => null, set: async () => undefined },
      lastInboundAt: async (sender) => stored.filter((m) => m.sender.externalId === sender).at(-1)?.sentAt ?? null,
      rememberProgress: async () => undefined,
      saveAttachment: async () => 'key',
      dataDir: '/nonexistent',
      maxAttachmentBytes: 1024,
    };
    await adapter.start(context);
    const body = webhook({ messages: [text('wamid.W', 'hi', CUSTOMER, now - HOUR)] });
    expect((await adapter.handleWebhook({ method: 'POST', headers: { 'x-hub-signature-256': hubSignature(body, APP_SECRET) }, query: {}, rawBody: Buffer.from(body) })).status).toBe(200);
    expect(stored.map((m) => m.sentAt?.getTime())).toEqual([Math.floor((now - HOUR) / 1000) * 1000]);
    const outbound = { messageId: 1, conversationId: 1, to: { externalId: CUSTOMER, name: null }, text: 'queued in time', automatic: false, subject: null, replyTo: null, meta: null };

    await expect(adapter.send(outbound)).resolves.toEqual({ externalId: 'wamid.OUT1', status: 'sent' });
    now += 23 * HOUR + 1000; // 24 h and a second after the customer's message
    const refusal = await adapter.send(outbound).then(() => null, (err) => err);
    expect(refusal).toBeInstanceOf(SendError);
    expect(refusal.options).toEqual({ permanent: true });
    expect(refusal.message).toMatch(/template message is needed/);
    expect(graph.sends).toHaveLength(1);
    await adapter.stop();
  });
});

/** supertest parser that keeps the body as bytes. */
function binary(response: unknown, callback: (err: Error | null, body: Buffer) => void): void {
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
