import request from 'supertest';
import { configYaml, quietWebchatPolicy, webchatChannel } from './support/config-yaml';
import { createPostgresSchema } from './support/postgres';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const ops = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CONFIG = configYaml({ channels: [webchatChannel('Чат на сайте')], policies: quietWebchatPolicy({ timeZone: 'Europe/Moscow' }) });

async function newAgent(t: TestApp, name: string, role: 'agent' | 'ops' = 'agent') {
  const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const res = await request(t.url).post('/api/agents').set(ops).send({ name, email, role }).expect(201);
  return { id: res.body.id as number, auth: { Authorization: `Bearer ${res.body.token}` } };
}

/** A web chat conversation; `name` is what the visitor typed as their name (none: the contact is unnamed). */
async function conversation(t: TestApp, visitorName: string, name?: string): Promise<number> {
  const res = await (await visitor(t.url, visitorName)).send({ text: 'Где мой заказ?', clientMessageId: visitorName, ...(name ? { name } : {}) }).expect(201);
  return res.body.conversationId;
}

const codes = (res: request.Response) => res.body.items.map((r: { shortCode: string }) => r.shortCode);

describe.each(['sqlite', 'postgres'] as const)('canned replies and labels on %s', (kind) => {
  let t: TestApp;
  let dropSchema: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const schema = kind === 'postgres' ? await createPostgresSchema() : undefined;
    dropSchema = schema?.drop;
    t = await startTestApp({ databaseUrl: schema?.url, configYaml: CONFIG });
  });
  afterAll(async () => {
    await t.destroy();
    await dropSchema?.();
  });

  it('scopes: ops write shared replies, agents their personal ones, which nobody else sees', async () => {
    const anna = await newAgent(t, 'Анна');
    const boris = await newAgent(t, 'Boris');
    const shared = await request(t.url).post('/api/canned-replies').set(ops)
      .send({ shortCode: 'scope-all', title: 'Для всех', body: 'Добрый день!', scope: 'everyone' }).expect(201);
    expect(shared.body).toMatchObject({ scope: 'everyone', ownerId: null, teamId: null });
    // Anna is in the second line's team, Boris is not.
    const line2 = (await request(t.url).post('/api/teams').set(ops).send({ name: 'Вторая линия', line: 2, members: [{ agentId: anna.id }] }).expect(201)).body;
    const team = await request(t.url).post('/api/canned-replies').set(ops)
      .send({ shortCode: 'scope-team', title: 'Для команды', body: 'Передаю коллегам', scope: 'team', teamId: line2.id }).expect(201);
    expect(team.body).toMatchObject({ scope: 'team', teamId: line2.id });
    const noTeam = await request(t.url).post('/api/canned-replies').set(ops).send({ shortCode: 'scope-x', title: 'x', body: 'x', scope: 'team' }).expect(400);
    expect(noTeam.body.fields).toEqual(['teamId']);

    await request(t.url).post('/api/canned-replies').set(anna.auth).send({ shortCode: 'scope-no', title: 'x', body: 'x', scope: 'everyone' }).expect(403);
    const mine = await request(t.url).post('/api/canned-replies').set(anna.auth)
      .send({ shortCode: 'scope-mine', title: 'Моя заготовка', body: 'Анна на связи', scope: 'personal' }).expect(201);
    expect(mine.body).toMatchObject({ scope: 'personal', ownerId: anna.id });

    // A team reply is for the team's members (and ops), a personal one for its owner.
    expect(codes(await request(t.url).get('/api/canned-replies').query({ q: 'scope' }).set(anna.auth).expect(200))).toEqual(['scope-all', 'scope-mine', 'scope-team']);
    expect(codes(await request(t.url).get('/api/canned-replies').query({ q: 'scope' }).set(boris.auth).expect(200))).toEqual(['scope-all']);
    expect(codes(await request(t.url).get('/api/canned-replies').query({ q: 'scope' }).set(ops).expect(200))).toEqual(['scope-all', 'scope-team']);
    await request(t.url).get(`/api/canned-replies/${team.body.id}`).set(boris.auth).expect(404);
    await request(t.url).get(`/api/canned-replies/${team.body.id}`).set(anna.auth).expect(200);
    await request(t.url).get(`/api/canned-replies/${mine.body.id}`).set(boris.auth).expect(404);
    await request(t.url).patch(`/api/canned-replies/${mine.body.id}`).set(boris.auth).send({ title: 'взлом' }).expect(404);
    await request(t.url).patch(`/api/canned-replies/${mine.body.id}`).set(ops).send({ title: 'взлом' }).expect(404);
    await request(t.url).patch(`/api/canned-replies/${mine.body.id}`).set(anna.auth).send({ scope: 'everyone' }).expect(403);
    await request(t.url).patch(`/api/canned-replies/${shared.body.id}`).set(anna.auth).send({ title: 'моё' }).expect(403);
    await request(t.url).delete(`/api/canned-replies/${team.body.id}`).set(boris.auth).expect(404);
    await request(t.url).delete(`/api/canned-replies/${team.body.id}`).set(anna.auth).expect(403);
    const renamed = await request(t.url).patch(`/api/canned-replies/${mine.body.id}`).set(anna.auth).send({ title: 'Анна отвечает' }).expect(200);
    expect(renamed.body).toMatchObject({ title: 'Анна отвечает', ownerId: anna.id });
    await request(t.url).delete(`/api/canned-replies/${mine.body.id}`).set(anna.auth).expect(204);
    await request(t.url).get('/api/canned-replies').expect(401);
  });

  it('searches short codes, titles and bodies in any case, Russian and English, short-code hits first', async () => {
    const write = (shortCode: string, title: string, body: string) =>
      request(t.url).post('/api/canned-replies').set(ops).send({ shortCode, title, body, scope: 'everyone' }).expect(201);
    await write('dostavka', 'Сроки доставки', 'Доставка по Москве занимает 1–2 дня.');
    await write('refund', 'Возврат денег', 'Деньги вернутся на карту за 3–5 дней.');
    await write('card', 'Refund to a card', 'Money returns within 5 days. Ёлки-палки.');

    const search = async (q: string) => codes(await request(t.url).get('/api/canned-replies').query({ q }).set(ops).expect(200));
    expect(await search('ДОСТАВКИ')).toEqual(['dostavka']);
    expect(await search('москве')).toEqual(['dostavka']);
    expect(await search('REFUND')).toEqual(['refund', 'card']);
    expect(await search('/ref')).toEqual(['refund', 'card']);
    expect(await search('вернутся карту')).toEqual(['refund']);
    expect(await search('елки')).toEqual(['card']);
    expect(await search('50%')).toEqual([]);
  });

  it('renders for a conversation with fallbacks, and refuses a bad template with 400 naming the line', async () => {
    const anna = await newAgent(t, 'Анна');
    const body = 'Здравствуйте, {{ contact.name | default: "клиент" }}!\nНа связи {{ agent.name }}, обращение № {{ conversation.id }} в канале «{{ channel.name }}».\nОтветим до {{ conversation.dueAt | default: "конца дня" }}.';
    const reply = await request(t.url).post('/api/canned-replies').set(ops).send({ shortCode: 'hello', title: 'Приветствие', body, scope: 'everyone' }).expect(201);

    const named = await conversation(t, 'visitor-render-named', 'Ольга');
    const text = await request(t.url).post(`/api/canned-replies/${reply.body.id}/render`).set(anna.auth).send({ conversationId: named }).expect(200);
    expect(text.body.text).toMatch(new RegExp(`^Здравствуйте, Ольга!\\nНа связи Анна, обращение № ${named} в канале «Чат на сайте»\\.\\nОтветим до .+ \\(Europe/Moscow\\)\\.$`));

    const unnamed = await conversation(t, 'visitor-render-anon');
    await request(t.url).post(`/api/conversations/${unnamed}/status`).set(ops).send({ status: 'resolved' }).expect(200);
    const fallback = await request(t.url).post(`/api/canned-replies/${reply.body.id}/render`).set(anna.auth).send({ conversationId: unnamed }).expect(200);
    expect(fallback.body.text).toBe(`Здравствуйте, клиент!\nНа связи Анна, обращение № ${unnamed} в канале «Чат на сайте».\nОтветим до конца дня.`);

    await request(t.url).post(`/api/canned-replies/${reply.body.id}/render`).set(anna.auth).send({ conversationId: 999999 }).expect(404);
    const noConversation = await request(t.url).post(`/api/canned-replies/${reply.body.id}/render`).set(anna.auth).send({}).expect(400);
    expect(noConversation.body.fields).toEqual(['conversationId']);

    const broken = await request(t.url).post('/api/canned-replies').set(ops)
      .send({ shortCode: 'broken', title: 'Сломано', body: 'Строка один\nСтрока два {{ contact.name', scope: 'everyone' }).expect(400);
    expect(broken.body.fields).toEqual(['body']);
    expect(broken.body.message).toMatch(/^body: line 2: .*not closed/);
    const typo = await request(t.url).patch(`/api/canned-replies/${reply.body.id}`).set(ops).send({ body: 'Привет\n\n{{ contcat.name }}' }).expect(400);
    expect(typo.body.message).toMatch(/^body: line 3: unknown variable "contcat"/);
    const filter = await request(t.url).post('/api/canned-replies/preview').set(anna.auth).send({ conversationId: named, body: '{% if agent.name %}\n{{ agent.name | shout }}{% endif %}' }).expect(400);
    expect(filter.body.message).toMatch(/^body: line 2: undefined filter: shout/);
    const preview = await request(t.url).post('/api/canned-replies/preview').set(anna.auth).send({ conversationId: named, body: 'Hi {{ contact.name }}, {{ agent.name }} here' }).expect(200);
    expect(preview.body.text).toBe('Hi Ольга, Анна here');
  });

  it('labels: ops define them with colours, agents put them on and take them off, the list filters and shows them', async () => {
    const agent = await newAgent(t, 'Lena');
    await request(t.url).post('/api/labels').set(agent.auth).send({ name: 'VIP', color: '#ff0000' }).expect(403);
    const badColour = await request(t.url).post('/api/labels').set(ops).send({ name: 'VIP', color: 'red' }).expect(400);
    expect(badColour.body.fields).toEqual(['color']);
    const vip = (await request(t.url).post('/api/labels').set(ops).send({ name: 'VIP', color: '#FF0000' }).expect(201)).body;
    expect(vip).toMatchObject({ name: 'VIP', color: '#ff0000' });
    const refund = (await request(t.url).post('/api/labels').set(ops).send({ name: 'Возврат', color: '#00aa00' }).expect(201)).body;
    await request(t.url).post('/api/labels').set(ops).send({ name: 'возврат', color: '#00aa00' }).expect(409);
    await request(t.url).patch(`/api/labels/${refund.id}`).set(agent.auth).send({ color: '#0000ff' }).expect(403);
    expect((await request(t.url).patch(`/api/labels/${refund.id}`).set(ops).send({ color: '#0000FF' }).expect(200)).body.color).toBe('#0000ff');
    expect((await request(t.url).get('/api/labels').set(agent.auth).expect(200)).body.items.map((l: { name: string }) => l.name)).toEqual(['VIP', 'Возврат']);

    const first = await conversation(t, 'visitor-label-1', 'Пётр');
    const second = await conversation(t, 'visitor-label-2', 'Мария');
    const added = await request(t.url).post(`/api/conversations/${first}/labels`).set(agent.auth).send({ labelId: vip.id }).expect(200);
    expect(added.body.items).toEqual([vip]);
    await request(t.url).post(`/api/conversations/${first}/labels`).set(agent.auth).send({ labelId: vip.id }).expect(200); // again: still once
    await request(t.url).post(`/api/conversations/${first}/labels`).set(agent.auth).send({ labelId: refund.id }).expect(200);
    await request(t.url).post(`/api/conversations/${second}/labels`).set(agent.auth).send({ labelId: refund.id }).expect(200);
    await request(t.url).post(`/api/conversations/${second}/labels`).set(agent.auth).send({ labelId: 99999 }).expect(404);
    await request(t.url).post(`/api/conversations/99999/labels`).set(agent.auth).send({ labelId: vip.id }).expect(404);

    const ids = (res: request.Response) => res.body.items.map((c: { id: number }) => c.id).sort((a: number, b: number) => a - b);
    expect(ids(await request(t.url).get('/api/conversations').query({ label: String(vip.id) }).set(agent.auth).expect(200))).toEqual([first]);
    expect(ids(await request(t.url).get('/api/conversations').query({ label: 'возврат' }).set(agent.auth).expect(200))).toEqual([first, second]);
    const row = (await request(t.url).get(`/api/conversations/${first}`).set(agent.auth).expect(200)).body;
    expect(row.labels.map((l: { name: string }) => l.name)).toEqual(['VIP', 'Возврат']);
    const unknown = await request(t.url).get('/api/conversations').query({ label: 'нет-такой' }).set(agent.auth).expect(400);
    expect(unknown.body.fields).toEqual(['label']);

    const left = await request(t.url).delete(`/api/conversations/${first}/labels/${vip.id}`).set(agent.auth).expect(200);
    expect(left.body.items.map((l: { name: string }) => l.name)).toEqual(['Возврат']);
    expect(ids(await request(t.url).get('/api/conversations').query({ label: 'VIP' }).set(agent.auth).expect(200))).toEqual([]);

    await request(t.url).delete(`/api/labels/${refund.id}`).set(agent.auth).expect(403);
    await request(t.url).delete(`/api/labels/${refund.id}`).set(ops).expect(204);
    expect((await request(t.url).get(`/api/conversations/${second}`).set(agent.auth).expect(200)).body.labels).toEqual([]);
  });
});
