import request from 'supertest';
import { io, Socket } from 'socket.io-client';
import { Clock } from '@app/platform/clock/clock';
import { FakeClock } from './support/fake-clock';
import { clusterOnPostgres, createPostgresSchema } from './support/postgres';
import { clusterEnv, redisPrefix } from './support/redis';
import { ADMIN_TOKEN, startTestApp, TestApp, WEBCHAT_ONLY } from './support/test-app';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const PASSWORD = 'correct horse battery staple';
const LIMITS = `${WEBCHAT_ONLY}limits:\n  failedAuthPerAddress: 3\n  failedAuthBlockSeconds: 60\n`;

/** The value of a Set-Cookie line for the cookie `name`, with its attributes. */
const setCookie = (res: request.Response, name: string): string =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`)) ?? '';
const cookieValue = (line: string): string => line.split(';')[0].split('=').slice(1).join('=');

/** A socket as the inbox page opens it (the browser sends the cookie) or as an integration does (a token). */
function connect(url: string, how: { cookie?: string; token?: string }): Promise<Socket> {
  const socket = io(`${url}/realtime`, {
    auth: how.token ? { token: how.token } : {}, transports: ['websocket'], reconnection: false,
    extraHeaders: how.cookie ? { Cookie: how.cookie } : {},
  });
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve(socket));
    socket.once('unauthorized', (e: { message: string }) => { socket.close(); reject(new Error(e.message)); });
    socket.once('connect_error', reject);
  });
}

const closed = (socket: Socket, withinMs = 3000): Promise<void> => new Promise((resolve, reject) => {
  if (socket.disconnected) return resolve();
  const timer = setTimeout(() => reject(new Error('the socket was not closed')), withinMs);
  socket.once('disconnect', () => { clearTimeout(timer); resolve(); });
});

/** Signs a browser in; returns its cookie header and CSRF token. */
async function signIn(url: string, email: string, password = PASSWORD) {
  const res = await request(url).post('/api/session').send({ email, password }).expect(200);
  const session = cookieValue(setCookie(res, 'inbox_session'));
  const csrf = cookieValue(setCookie(res, 'inbox_csrf'));
  return { cookie: `inbox_session=${session}; inbox_csrf=${csrf}`, csrf, body: res.body };
}

describe.each([
  ['SQLite', async () => ({ databaseUrl: undefined as string | undefined, drop: async () => undefined })],
  ['PostgreSQL', async () => { const s = await createPostgresSchema(); return { databaseUrl: s.url as string | undefined, drop: s.drop }; }],
])('sign-in that lasts on %s', (_name, database) => {
  let t: TestApp | null = null;
  let drop: () => Promise<void> = async () => undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await t?.destroy();
    t = null;
    await drop();
  });

  async function start(configYaml = WEBCHAT_ONLY): Promise<TestApp> {
    const db = await database();
    drop = db.drop;
    t = await startTestApp({ configYaml, databaseUrl: db.databaseUrl });
    return t;
  }

  it('first run creates one ops account only while there is none (two at once: one wins), then the cookie works in every request', async () => {
    const { url } = await start();
    await request(url).get('/api/session').expect(200, { firstRun: true, agent: null });

    const first = { name: 'Ольга Петрова', email: 'Olga@Example.com', password: PASSWORD };
    const [a, b] = await Promise.all([
      request(url).post('/api/setup/first-account').send(first),
      request(url).post('/api/setup/first-account').send({ ...first, email: 'other@example.com' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const won = a.status === 201 ? a : b;
    const wonEmail = won === a ? 'olga@example.com' : 'other@example.com';
    expect(won.body).toMatchObject({ role: 'ops', csrfToken: expect.stringMatching(/^csrf_/) });
    const sessionLine = setCookie(won, 'inbox_session');
    expect(sessionLine).toMatch(/HttpOnly/);
    expect(sessionLine).toMatch(/SameSite=Lax/);
    expect(setCookie(won, 'inbox_csrf')).not.toMatch(/HttpOnly/);
    const agents = (await request(url).get('/api/agents').set(admin).expect(200)).body.items;
    expect(agents.filter((x: { builtIn: boolean }) => !x.builtIn)).toHaveLength(1);
    expect(agents.find((x: { builtIn: boolean }) => x.builtIn)).toMatchObject({ email: 'admin@localhost' });
    await request(url).post('/api/setup/first-account').send({ ...first, email: 'late@example.com' }).expect(409);

    // The session cookie alone signs every request in (another tab sends the same cookie).
    const cookie = `inbox_session=${cookieValue(sessionLine)}`;
    const me = (await request(url).get('/api/me').set('Cookie', cookie).expect(200)).body;
    expect(me).toEqual({ agentId: won.body.agentId, name: 'Ольга Петрова', role: 'ops' });
    await request(url).get('/api/conversations').set('Cookie', cookie).expect(200);
    const session = (await request(url).get('/api/session').set('Cookie', cookie).expect(200)).body;
    expect(session).toMatchObject({ firstRun: false, agent: { agentId: me.agentId, hasPassword: true } });

    // Signing in with the e-mail in any case; sign-out ends the session at once.
    const browser = await signIn(url, wonEmail.toUpperCase());
    await request(url).get('/api/me').set('Cookie', browser.cookie).expect(200);
    await request(url).delete('/api/session').set('Cookie', browser.cookie).set('X-CSRF-Token', browser.csrf).expect(204);
    await request(url).get('/api/me').set('Cookie', browser.cookie).expect(401);
    await request(url).get('/api/me').set('Cookie', cookie).expect(200); // the other session goes on
  }, 60_000);

  it('refuses a cookie-authenticated write without the CSRF token or from another origin; bearer tokens need none', async () => {
    const { url } = await start();
    await request(url).post('/api/setup/first-account').send({ name: 'Ольга', email: 'olga@example.com', password: PASSWORD }).expect(201);
    const { cookie, csrf } = await signIn(url, 'olga@example.com');
    const anna = { name: 'Анна', email: 'anna@example.com', role: 'agent' };

    const refused = await request(url).post('/api/agents').set('Cookie', cookie).send(anna).expect(403);
    expect(refused.body.message).toContain('X-CSRF-Token');
    await request(url).post('/api/agents').set('Cookie', cookie).set('X-CSRF-Token', 'csrf_guessed').send(anna).expect(403);
    await request(url).post('/api/agents').set('Cookie', cookie).set('X-CSRF-Token', csrf).set('Origin', 'https://evil.example.com').send(anna).expect(403);
    await request(url).post('/api/session').set('Origin', 'https://evil.example.com').send({ email: 'olga@example.com', password: PASSWORD }).expect(403);
    const created = (await request(url).post('/api/agents').set('Cookie', cookie).set('X-CSRF-Token', csrf).send({ ...anna, token: false }).expect(201)).body;
    expect(created.token).toBeUndefined();
    expect(created.signInUrl).toMatch(new RegExp(`^${url}/#signin=sil_`));
    await request(url).post('/api/agents').set(admin).send({ name: 'Пётр', email: 'petr@example.com', role: 'agent' }).expect(201);
  }, 60_000);

  it('a one-time sign-in link signs in once; the agent then sets a password', async () => {
    const { url } = await start();
    const anna = (await request(url).post('/api/agents').set(admin).send({ name: 'Анна', email: 'anna@example.com', role: 'agent' }).expect(201)).body;
    const secret = decodeURIComponent(anna.signInUrl.split('#signin=')[1]);
    const res = await request(url).post('/api/session/link').send({ token: secret }).expect(200);
    await request(url).post('/api/session/link').send({ token: secret }).expect(401); // once only
    const cookie = `inbox_session=${cookieValue(setCookie(res, 'inbox_session'))}`;
    const csrf = cookieValue(setCookie(res, 'inbox_csrf'));
    expect((await request(url).get('/api/session').set('Cookie', cookie).expect(200)).body.agent).toMatchObject({ agentId: anna.id, hasPassword: false });
    const short = await request(url).put('/api/me/password').set('Cookie', cookie).set('X-CSRF-Token', csrf).send({ password: 'short' }).expect(400);
    expect(short.body.fields).toEqual(['password']);
    await request(url).put('/api/me/password').set('Cookie', cookie).set('X-CSRF-Token', csrf).send({ password: PASSWORD }).expect(204);
    await request(url).put('/api/me/password').set('Cookie', cookie).set('X-CSRF-Token', csrf).send({ password: 'another long one' }).expect(403); // needs the present one now
    await signIn(url, 'anna@example.com');
  }, 60_000);

  it('slows down wrong passwords per address: after too many, even the right one waits', async () => {
    const { url } = await start(LIMITS);
    await request(url).post('/api/setup/first-account').send({ name: 'Ольга', email: 'olga@example.com', password: PASSWORD }).expect(201);
    for (let i = 0; i < 3; i++) await request(url).post('/api/session').send({ email: 'olga@example.com', password: `wrong password ${i}` }).expect(401);
    await request(url).post('/api/session').send({ email: 'nobody@example.com', password: 'wrong password' }).expect(429);
    const blocked = await request(url).post('/api/session').send({ email: 'olga@example.com', password: PASSWORD }).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  }, 60_000);

  it('a deactivated agent and a revoked token are refused at once, and their realtime connections are closed', async () => {
    const { url } = await start();
    const anna = (await request(url).post('/api/agents').set(admin).send({ name: 'Анна', email: 'anna@example.com', role: 'agent' }).expect(201)).body;
    const petr = (await request(url).post('/api/agents').set(admin).send({ name: 'Пётр', email: 'petr@example.com', role: 'agent' }).expect(201)).body;
    await request(url).put('/api/me/password').set('Authorization', `Bearer ${anna.token}`).send({ password: PASSWORD }).expect(204);
    const browser = await signIn(url, 'anna@example.com');
    const bySession = await connect(url, { cookie: browser.cookie });
    const byToken = await connect(url, { token: anna.token });
    const petrSocket = await connect(url, { token: petr.token });
    sockets.push(bySession, byToken, petrSocket);
    await expect(connect(url, { cookie: browser.cookie.replace(/inbox_session=[^;]+/, 'inbox_session=sis_wrong') })).rejects.toThrow();

    // A revoked token: refused on the next request, its socket closed; the session's socket stays.
    const tokens = (await request(url).get('/api/tokens').set(admin).expect(200)).body.items;
    const petrToken = tokens.find((x: { agentEmail: string }) => x.agentEmail === 'petr@example.com');
    expect(petrToken).toMatchObject({ agentName: 'Пётр', label: 'api' });
    expect(JSON.stringify(tokens)).not.toContain(petr.token);
    await request(url).get('/api/tokens').set('Authorization', `Bearer ${anna.token}`).expect(403);
    await request(url).delete(`/api/tokens/${petrToken.id}`).set(admin).expect(204);
    await request(url).get('/api/me').set('Authorization', `Bearer ${petr.token}`).expect(401);
    await closed(petrSocket);
    await request(url).delete(`/api/tokens/${petrToken.id}`).set(admin).expect(404);

    // Deactivation: the session, the token and both sockets, at once.
    const changed = (await request(url).patch(`/api/agents/${anna.id}`).set(admin).send({ active: false, capacity: 3 }).expect(200)).body;
    expect(changed).toMatchObject({ active: false, capacity: 3, role: 'agent' });
    await request(url).get('/api/me').set('Cookie', browser.cookie).expect(401);
    await request(url).get('/api/me').set('Authorization', `Bearer ${anna.token}`).expect(401);
    await Promise.all([closed(bySession), closed(byToken)]);
    await request(url).post('/api/session').send({ email: 'anna@example.com', password: PASSWORD }).expect(401);
    await expect(connect(url, { token: anna.token })).rejects.toThrow();

    // Role and capacity; bad input names the field; the built-in agent and oneself are not changed here.
    await request(url).patch(`/api/agents/${anna.id}`).set(admin).send({ active: true, role: 'ops' }).expect(200);
    const bad = await request(url).patch(`/api/agents/${anna.id}`).set(admin).send({ capacity: 0 }).expect(400);
    expect(bad.body.fields).toEqual(['capacity']);
    const builtIn = (await request(url).get('/api/agents').set(admin).expect(200)).body.items.find((x: { builtIn: boolean }) => x.builtIn);
    await request(url).patch(`/api/agents/${builtIn.id}`).set(admin).send({ active: false }).expect(409);
    await request(url).patch(`/api/agents/${anna.id}`).set('Authorization', `Bearer ${anna.token}`).send({ active: false }).expect(409);
    await request(url).patch(`/api/agents/${anna.id}`).set('Authorization', `Bearer ${petr.token}`).send({ active: false }).expect(401);
  }, 60_000);
});

describe('sessions and sign-in links expire', () => {
  let t: TestApp | null = null;
  afterEach(() => t?.destroy());

  it('a session ends after server.sessionTtlDays, a sign-in link after 7 days', async () => {
    const clock = new FakeClock(new Date('2026-03-02T09:00:00Z'));
    t = await startTestApp({ configYaml: `${WEBCHAT_ONLY}server:\n  sessionTtlDays: 2\n`, customize: (b) => b.overrideProvider(Clock).useValue(clock) });
    const { url } = t;
    const anna = (await request(url).post('/api/agents').set(admin).send({ name: 'Анна', email: 'anna@example.com', role: 'agent' }).expect(201)).body;
    await request(url).put('/api/me/password').set('Authorization', `Bearer ${anna.token}`).send({ password: PASSWORD }).expect(204);
    const browser = await signIn(url, 'anna@example.com');
    expect(setCookie(await request(url).post('/api/session').send({ email: 'anna@example.com', password: PASSWORD }), 'inbox_session'))
      .toContain('Expires=Wed, 04 Mar 2026 09:00:00 GMT');

    clock.set(new Date('2026-03-04T08:59:00Z'));
    await request(url).get('/api/me').set('Cookie', browser.cookie).expect(200);
    clock.set(new Date('2026-03-04T09:00:00Z'));
    await request(url).get('/api/me').set('Cookie', browser.cookie).expect(401);

    clock.set(new Date('2026-03-09T09:00:01Z')); // the link was made on 2 March, 09:00
    await request(url).post('/api/session/link').send({ token: decodeURIComponent(anna.signInUrl.split('#signin=')[1]) }).expect(401);
  }, 60_000);
});

describe('sign-in in a cluster: two API processes on PostgreSQL and Redis', () => {
  const prefix = redisPrefix('signin');
  const { startApp, sockets } = clusterOnPostgres({ redisPrefix: prefix });

  it('a session made on one process works on the other; deactivation there closes the sockets here at once', async () => {
    const apps = [await startApp({ env: clusterEnv('api', prefix) }), await startApp({ env: clusterEnv('api', prefix) })];
    const [one, two] = apps.map((a) => a.url);
    const anna = (await request(one).post('/api/agents').set(admin).send({ name: 'Анна', email: 'anna@example.com', role: 'agent' }).expect(201)).body;
    await request(two).put('/api/me/password').set('Authorization', `Bearer ${anna.token}`).send({ password: PASSWORD }).expect(204);
    const browser = await signIn(one, 'anna@example.com');
    await request(two).get('/api/me').set('Cookie', browser.cookie).expect(200);
    const onOne = await connect(one, { cookie: browser.cookie });
    const onTwo = await connect(two, { token: anna.token });
    sockets.push(onOne, onTwo);

    await request(two).patch(`/api/agents/${anna.id}`).set(admin).send({ active: false }).expect(200);
    await request(one).get('/api/me').set('Cookie', browser.cookie).expect(401);
    await request(one).get('/api/me').set('Authorization', `Bearer ${anna.token}`).expect(401);
    await Promise.all([closed(onOne), closed(onTwo)]);
  }, 90_000);
});
