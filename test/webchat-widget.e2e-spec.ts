import request from 'supertest';
import { createHmac } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const SECRET = 'shop-identity-secret-0123456789';
const SHOP = 'http://shop.example.test';

const CONFIG = `
channels:
  - id: webchat
    type: webchat
    name: Web chat
    allowedOrigins: [${SHOP}]
    identitySecret: ${SECRET}
    greeting: { ru: 'Здравствуйте!', en: 'Hello there!' }
    uploads: { maxBytes: 1000, types: ['image/*', 'application/pdf'] }
    preChat:
      email: optional
      topics:
        - { id: billing, label: { ru: 'Оплата', en: 'Billing' }, team: finance }
    policy:
      autoAcknowledge: { enabled: true, language: both }
outbox:
  retryBaseMs: 50
  pollMs: 50
`;

const session = (t: TestApp, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  request(t.url).post('/webchat/session').set(headers).send(body);
const hmac = (userId: string) => createHmac('sha256', SECRET).update(userId).digest('hex');

describe('web chat widget API: server-issued tokens, identity, origins, uploads, language', () => {
  let t: TestApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp({ configYaml: CONFIG });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t?.destroy();
  });

  it('issues a 256-bit token once, keeps it while it holds, and greets in the browser\'s language', async () => {
    const first = await session(t, { language: 'en-GB' }).expect(200);
    expect(Buffer.from(first.body.token, 'base64url')).toHaveLength(32);
    expect(first.body.channel).toMatchObject({ id: 'webchat', title: 'Web chat', greeting: 'Hello there!', colour: '#2b5cd6', preChat: { email: 'optional', topics: [{ id: 'billing', label: 'Billing' }] } });
    const again = await session(t, { language: 'ru' }, { 'X-Visitor-Token': first.body.token }).expect(200);
    expect(again.body.token).toBe(first.body.token);
    expect(again.body.channel.greeting).toBe('Здравствуйте!');
    const made_up = await session(t, {}, { 'X-Visitor-Token': 'x'.repeat(43) }).expect(200);
    expect(made_up.body.token).not.toBe('x'.repeat(43));
  });

  it('refuses the old visitorId form with 400 naming it, and every route without a token with 401', async () => {
    const old = await request(t.url).post('/webchat/messages').send({ visitorId: 'visitor-abc-123', text: 'hi', clientMessageId: '1' }).expect(400);
    expect(old.body.fields).toContain('visitorId');
    expect(old.body.message.join(' ')).toContain('X-Visitor-Token');
    await request(t.url).get('/webchat/messages?visitorId=visitor-abc-123').expect(401);
    await request(t.url).post('/webchat/messages').send({ text: 'hi', clientMessageId: '1' }).expect(401);
    await request(t.url).post('/webchat/session').send({ visitorId: 'visitor-abc-123' }).expect(400);
  });

  it('another visitor\'s token reads nothing of this one', async () => {
    const anna = (await session(t).expect(200)).body.token;
    const boris = (await session(t).expect(200)).body.token;
    await request(t.url).post('/webchat/messages').set('X-Visitor-Token', anna).send({ text: 'Мой номер заказа 4521', clientMessageId: 'a1' }).expect(201);
    const own = await request(t.url).get('/webchat/messages').set('X-Visitor-Token', anna).expect(200);
    expect(own.body.items.map((m: { text: string }) => m.text)).toContain('Мой номер заказа 4521');
    const other = await request(t.url).get('/webchat/messages').set('X-Visitor-Token', boris).expect(200);
    expect(other.body.items).toEqual([]);
  });

  it('a forged identity hash gets 401 and stores nothing; a verified user\'s history follows them to another browser', async () => {
    const before = (await request(t.url).get('/api/conversations').set(auth).expect(200)).body.items.length;
    await session(t, { identity: { userId: 'user-42', name: 'Ольга', hash: hmac('user-43') } }).expect(401);
    await session(t, { identity: { userId: 'user-42', name: 'Ольга', hash: 'f'.repeat(64) } }).expect(401);
    const laptop = await session(t, { identity: { userId: 'user-42', name: 'Ольга', email: 'olga@example.com', hash: hmac('user-42') } }).expect(200);
    expect(laptop.body.verified).toBe(true);
    await request(t.url).post('/webchat/messages').set('X-Visitor-Token', laptop.body.token).send({ text: 'С ноутбука', clientMessageId: 'l1' }).expect(201);
    const list = (await request(t.url).get('/api/conversations').set(auth).expect(200)).body.items;
    expect(list).toHaveLength(before + 1);
    expect(list.find((c: { contact: { name: string } }) => c.contact.name === 'Ольга')).toBeDefined();

    const phone = await session(t, { identity: { userId: 'user-42', hash: hmac('user-42') } }).expect(200);
    expect(phone.body.token).not.toBe(laptop.body.token);
    const history = await request(t.url).get('/webchat/messages').set('X-Visitor-Token', phone.body.token).expect(200);
    expect(history.body.items.map((m: { text: string }) => m.text)).toContain('С ноутбука');
    // An anonymous token presented with an identity is not turned into that user's.
    const anonymous = (await session(t).expect(200)).body.token;
    const signedIn = await session(t, { identity: { userId: 'user-42', hash: hmac('user-42') } }, { 'X-Visitor-Token': anonymous }).expect(200);
    expect(signedIn.body.token).not.toBe(anonymous);
  });

  it('lets the listed site in (CORS, realtime) and refuses any other', async () => {
    const preflight = await request(t.url).options('/webchat/messages').set({ Origin: SHOP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-visitor-token' }).expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SHOP);
    expect(preflight.headers['access-control-allow-headers']).toContain('X-Visitor-Token');
    // Another site may ask (a preflight does nothing) but is refused, readably, before any route runs.
    await request(t.url).options('/webchat/messages').set({ Origin: 'http://evil.example.test', 'Access-Control-Request-Method': 'POST' }).expect(204);
    const refused = await session(t, {}, { Origin: 'http://evil.example.test' }).expect(403);
    expect(refused.body.message).toContain('allowedOrigins');
    expect(refused.body.token).toBeUndefined();

    const ok = await session(t, {}, { Origin: SHOP }).expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe(SHOP);
    await session(t, {}, { Origin: 'http://evil.example.test' }).expect(403);
    await request(t.url).get('/webchat/messages').set({ 'X-Visitor-Token': ok.body.token, Origin: 'http://evil.example.test' }).expect(403);

    const connect = (origin: string) => new Promise<string>((resolve) => {
      const socket = io(`${t.url}/realtime`, { auth: { visitorToken: ok.body.token }, transports: ['websocket'], reconnection: false, extraHeaders: { Origin: origin } });
      sockets.push(socket);
      socket.once('ready', () => resolve('ready'));
      socket.once('unauthorized', (e: { status: number }) => resolve(`refused ${e.status}`));
      socket.once('connect_error', (e) => resolve(`error ${e.message}`));
    });
    expect(await connect(SHOP)).toBe('ready');
    expect(await connect('http://evil.example.test')).toBe('refused 403');
  });

  it('passes an agent\'s typing to the visitor\'s pages of that conversation only', async () => {
    const token = (await session(t).expect(200)).body.token;
    const sent = await request(t.url).post('/webchat/messages').set('X-Visitor-Token', token).send({ text: 'Есть кто?', clientMessageId: 'y1' }).expect(201);
    const open = (authPayload: Record<string, string>) => new Promise<Socket>((resolve, reject) => {
      const socket = io(`${t.url}/realtime`, { auth: authPayload, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      socket.once('ready', () => resolve(socket));
      socket.once('connect_error', reject);
    });
    const visitorSocket = await open({ visitorToken: token });
    const bystander = await open({ visitorToken: (await session(t).expect(200)).body.token });
    const seen: unknown[] = [];
    bystander.on('typing', (e) => seen.push(e));
    const typing = new Promise((resolve) => visitorSocket.once('typing', resolve));
    (await open({ token: ADMIN_TOKEN })).emit('typing', { conversationId: sent.body.conversationId });
    expect(await typing).toEqual({ conversationId: sent.body.conversationId, typing: true, author: 'Administrator' });
    expect(seen).toEqual([]);
  });

  it('records the topic and e-mail, writes automatic messages in the customer\'s language, and refuses an unknown topic', async () => {
    const token = (await session(t).expect(200)).body.token;
    const bad = await request(t.url).post('/webchat/messages').set('X-Visitor-Token', token).send({ text: 'hi', clientMessageId: 't0', topic: 'nope' }).expect(400);
    expect(bad.body.fields).toEqual(['topic']);
    const sent = await request(t.url).post('/webchat/messages').set('X-Visitor-Token', token)
      .send({ text: 'Need an invoice', clientMessageId: 't1', topic: 'billing', email: 'kate@example.com', language: 'en-US' }).expect(201);
    const ack = await eventually(async () => {
      const items = (await request(t.url).get('/webchat/messages').set('X-Visitor-Token', token).expect(200)).body.items;
      expect(items).toHaveLength(2);
      return items[1];
    });
    expect(ack.automatic).toBe(true);
    expect(ack.text).toMatch(/answer/i);
    expect(ack.text).not.toMatch(/[а-яё]/i);
    const conversation = (await request(t.url).get(`/api/conversations/${sent.body.conversationId}`).set(auth).expect(200)).body;
    expect(conversation).toMatchObject({ language: 'en', topic: 'billing' });
  });

  it('takes a visitor\'s allowed file within the size limit, refuses SVG and oversized files, and gives it to agents as a download', async () => {
    const token = (await session(t).expect(200)).body.token;
    const upload = (name: string, type: string, data: Buffer, id: string) => request(t.url).post('/webchat/uploads').set('X-Visitor-Token', token)
      .field('clientMessageId', id).attach('file', data, { filename: name, contentType: type });
    const png = await upload('screen.png', 'image/png', Buffer.from('\x89PNG fake image'), 'u1').expect(201);
    await upload('x.svg', 'image/svg+xml', Buffer.from('<svg onload="alert(1)"/>'), 'u2').expect(415);
    await upload('page.html', 'text/html', Buffer.from('<script>alert(1)</script>'), 'u3').expect(415);
    await upload('big.pdf', 'application/pdf', Buffer.alloc(2000, 1), 'u4').expect(413);
    await request(t.url).post('/webchat/uploads').field('clientMessageId', 'u5').attach('file', Buffer.from('x'), { filename: 'a.png', contentType: 'image/png' }).expect(401);

    const messages = (await request(t.url).get(`/api/conversations/${png.body.conversationId}/messages`).set(auth).expect(200)).body.items;
    const file = messages[0].attachments[0];
    expect(file).toMatchObject({ name: 'screen.png', contentType: 'image/png', size: png.body.size });
    const download = await request(t.url).get(`/api/attachments/${file.storageKey}`).set(auth).expect(200);
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect(download.headers['content-disposition']).toContain('attachment');
  });
});
