import request from 'supertest';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { ADMIN_TOKEN, appPerTest, TestApp, WEBCHAT_ONLY } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const withLimits = (limits: Record<string, number>, extra = '') =>
  `${WEBCHAT_ONLY}limits:\n${Object.entries(limits).map(([k, v]) => `  ${k}: ${v}\n`).join('')}${extra}`;

let n = 0;
/** A visitor (by the test's name for them) sends a message from an address; the answer must have `status`. */
const post = async (t: TestApp, name: string, from: string | undefined, status: number) => {
  const req = request(t.url).post('/webchat/messages').set('X-Visitor-Token', (await visitor(t.url, name)).token);
  if (from) req.set('X-Forwarded-For', from);
  return req.send({ text: 'hello', clientMessageId: `c${++n}` }).expect(status);
};

interface Refusal { message: string; data?: { status: number; retryAfter?: number } }

function connect(url: string, authPayload: Record<string, string>, sockets: Socket[]): Promise<Socket> {
  const socket = io(`${url}/realtime`, { auth: authPayload, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve(socket));
    socket.once('unauthorized', (body: Refusal & { status?: number; retryAfter?: number }) =>
      reject(Object.assign(new Error(body.message), { data: { status: body.status ?? 401, retryAfter: body.retryAfter } })));
    socket.once('connect_error', reject);
  });
}

describe('HTTP limits, bodies, headers and operations endpoints', () => {
  const { startApp, sockets } = appPerTest();

  it('ignores X-Forwarded-For unless TRUST_PROXY trusts the proxy: every visitor then shares the proxy\'s address', async () => {
    const t = await startApp({ configYaml: withLimits({ webchatPerAddress: 3, webchatPerVisitor: 100 }) });
    for (let i = 0; i < 3; i++) await post(t, `visitor-spoof-${i}`, `198.51.100.${i}`, 201);
    const refused = await post(t, 'visitor-spoof-9', '198.51.100.9', 429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('behind a trusted proxy counts each visitor address, an IPv6 /64 as one, and each visitor id', async () => {
    const t = await startApp({ configYaml: withLimits({ webchatPerAddress: 3, webchatPerVisitor: 2 }), env: { TRUST_PROXY: 'loopback' } });
    await post(t, 'visitor-v6-aaaa1', '2001:db8:1:2::1', 201);
    await post(t, 'visitor-v6-aaaa2', '2001:db8:1:2:ffff::2', 201);
    await post(t, 'visitor-v6-aaaa3', '2001:db8:1:2:abcd:1:2:3', 201);
    const sameNet = await post(t, 'visitor-v6-aaaa4', '2001:db8:1:2::99', 429);
    expect(Number(sameNet.headers['retry-after'])).toBeGreaterThan(0);
    await post(t, 'visitor-v6-bbbb1', '2001:db8:1:3::1', 201); // the next /64 has its own count
    await post(t, 'visitor-v4-cccc1', '203.0.113.5', 201);

    // One visitor id rotating addresses is still one visitor.
    await post(t, 'visitor-roam-1', '192.0.2.1', 201);
    await post(t, 'visitor-roam-1', '192.0.2.2', 201);
    await post(t, 'visitor-roam-1', '192.0.2.3', 429);
  });

  it('answers 415 naming the content type for form posts and text, and never stores them', async () => {
    const t = await startApp();
    const form = await request(t.url).post('/webchat/messages').type('form')
      .send({ visitorId: 'visitor-form-1', text: 'from a third-party page', clientMessageId: 'f1' }).expect(415);
    expect(form.body.message).toContain('"application/x-www-form-urlencoded"');
    const text = await request(t.url).post('/api/agents').set(auth).set('Content-Type', 'text/plain').send('name=x').expect(415);
    expect(text.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    expect(text.body.message).toContain('"text/plain"');
    const list = await request(t.url).get('/api/conversations').set(auth).expect(200);
    expect(list.body.items).toHaveLength(0);
  });

  it('answers 400, not 500, to JSON nested 2,000 deep and to malformed JSON', async () => {
    const t = await startApp();
    const deep = `{"visitorId":"visitor-deep-1","clientMessageId":"d1","text":${'['.repeat(2000)}${']'.repeat(2000)}}`;
    const res = await request(t.url).post('/webchat/messages').set('Content-Type', 'application/json').send(deep).expect(400);
    expect(res.body.message).toBe('the JSON body is nested deeper than 32 levels');
    const nestedInValidation = `{"visitorId":"visitor-deep-1","clientMessageId":"d1","text":"x","extra":${'{"a":'.repeat(30)}1${'}'.repeat(30)}}`;
    await request(t.url).post('/webchat/messages').set('Content-Type', 'application/json').send(nestedInValidation).expect(400);
    const broken = await request(t.url).post('/webchat/messages').set('Content-Type', 'application/json').send('{"visitorId": ').expect(400);
    expect(broken.headers['content-type']).toMatch(/^application\/json/);
    expect(broken.body.statusCode).toBe(400);
  });

  it('refuses an address after too many wrong tokens with 429 and Retry-After, over HTTP and the realtime handshake', async () => {
    const t = await startApp({ configYaml: withLimits({ failedAuthPerAddress: 3, failedAuthBlockSeconds: 120 }), env: { TRUST_PROXY: 'loopback' } });
    const guess = (token: string, from: string) => request(t.url).get('/api/conversations').set('Authorization', `Bearer ${token}`).set('X-Forwarded-For', from);
    for (let i = 0; i < 3; i++) await guess(`sit_wrong${i}`, '198.51.100.7').expect(401);
    const blocked = await guess('sit_wrong4', '198.51.100.7').expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(100);
    expect(blocked.body.message).toContain('too many failed sign-ins');
    await guess(ADMIN_TOKEN, '198.51.100.7').expect(429); // a right guess now gains nothing
    await guess(ADMIN_TOKEN, '198.51.100.8').expect(200); // other addresses are not affected

    // The realtime handshake (no proxy: the test's own address) counts too, and is refused with status 429.
    for (let i = 0; i < 3; i++) await expect(connect(t.url, { token: `sit_nope${i}` }, sockets)).rejects.toMatchObject({ data: { status: 401 } });
    const refused = await connect(t.url, { token: 'sit_nope4' }, sockets).catch((e: Refusal) => e);
    expect(refused).toMatchObject({ data: { status: 429 } });
    const later = await connect(t.url, { token: ADMIN_TOKEN }, sockets).catch((e: Refusal) => e);
    expect(later).toMatchObject({ message: expect.stringContaining('too many failed sign-ins'), data: { status: 429, retryAfter: expect.any(Number) } });
  });

  it('caps the realtime sockets one address holds', async () => {
    const t = await startApp({ configYaml: withLimits({ socketsPerAddress: 3 }) });
    const token = async (name: string) => ({ visitorToken: (await visitor(t.url, name)).token });
    const open = await Promise.all([1, 2, 3].map(async (i) => connect(t.url, await token(`visitor-sock-${i}`), sockets)));
    const refused = await connect(t.url, await token('visitor-sock-4'), sockets).catch((e: Refusal) => e);
    expect(refused).toMatchObject({ message: 'too many connections from this address (at most 3)', data: { status: 429 } });
    open[0].disconnect();
    await new Promise((r) => setTimeout(r, 100));
    await connect(t.url, await token('visitor-sock-5'), sockets);
  });

  it('sends nosniff everywhere, no X-Powered-By, no-store on /api, and a CSP with the allowed frame ancestors on /chat', async () => {
    const t = await startApp({ configYaml: `${WEBCHAT_ONLY}server:\n  frameAncestors: ["'self'", "https://shop.example.com"]\n` });
    const chat = await request(t.url).get('/chat').expect(200);
    expect(chat.headers['content-security-policy']).toMatch(/frame-ancestors 'self' https:\/\/shop\.example\.com$/);
    // The page is the widget: its script from our origin, no inline code.
    expect(chat.headers['content-security-policy']).toMatch(/script-src 'self'; style-src 'self';/);
    const api = await request(t.url).get('/api/conversations').set(auth).expect(200);
    expect(api.headers['cache-control']).toBe('no-store');
    const unauthorized = await request(t.url).get('/api/conversations').expect(401);
    expect(unauthorized.headers['cache-control']).toBe('no-store');
    const docs = await request(t.url).get('/api/docs-json').expect(200);
    expect(docs.body.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer', bearerFormat: 'sit_… (opaque API token)' });
    for (const res of [chat, api, unauthorized, await request(t.url).get('/health'), await request(t.url).get('/nope').expect(404)]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('closes /metrics with METRICS_TOKEN and the API docs with DOCS_PUBLIC=false; /health says up or down, details need a token', async () => {
    const t = await startApp({ env: { METRICS_TOKEN: 'scrape-token-for-prometheus', DOCS_PUBLIC: 'false' } });
    await request(t.url).get('/metrics').expect(401);
    await request(t.url).get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
    const scraped = await request(t.url).get('/metrics').set('Authorization', 'Bearer scrape-token-for-prometheus').expect(200);
    expect(scraped.text).toContain('inbox_inbound_messages_total');
    await request(t.url).get('/metrics').set(auth).expect(200); // an ops token works too
    await request(t.url).get('/api/docs-json').expect(404);
    await request(t.url).get('/api/docs').expect(404);

    const anonymous = await request(t.url).get('/health').expect(200);
    expect(anonymous.body).toEqual({ status: 'up' });
    const detailed = await request(t.url).get('/health').set('Authorization', 'Bearer scrape-token-for-prometheus').expect(200);
    expect(detailed.body.details).toMatchObject({ database: { status: 'up' }, 'channel:webchat': { status: 'up', state: 'ready' } });
    const agent = await request(t.url).post('/api/agents').set(auth).send({ name: 'Nina', email: 'nina@example.com', role: 'agent' }).expect(201);
    await request(t.url).get('/health').set('Authorization', `Bearer ${agent.body.token}`).expect(403);
  });

  it('reports down without details when a channel is down', async () => {
    const t = await startApp({ configYaml: `${WEBCHAT_ONLY.replace('name: Web chat', 'name: Web chat\n  - id: tg\n    type: telegram\n    token: "123456:AAH-revoked"\n    apiRoot: http://127.0.0.1:9')}` });
    const down = await request(t.url).get('/health').expect(503);
    expect(down.body).toEqual({ status: 'down' });
    const detailed = await request(t.url).get('/health').set(auth).expect(503);
    expect(detailed.body.details['channel:tg']).toMatchObject({ status: 'down' });
  });

  it('sets SQLite to synchronous=FULL when SQLITE_SYNCHRONOUS asks for it', async () => {
    const t = await startApp({ env: { SQLITE_SYNCHRONOUS: 'FULL' } });
    const [row] = await t.app.get(DataSource).query('PRAGMA synchronous');
    expect(row.synchronous).toBe(2);
  });
});
