import request from 'supertest';
import { adminAuth, createAgent, visitorWrites } from './support/agents';
import { createPostgresSchema } from './support/postgres';
import { startTestApp, TestApp } from './support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe.each([['SQLite'], ['PostgreSQL']])('bulk actions on %s', (database) => {
  let t: TestApp | null = null;
  let schema: Awaited<ReturnType<typeof createPostgresSchema>> | null = null;

  beforeAll(async () => {
    if (database === 'PostgreSQL') schema = await createPostgresSchema();
    t = await startTestApp({ databaseUrl: schema?.url });
  });
  afterAll(async () => {
    await t?.destroy();
    await schema?.drop();
  });

  const bulk = (body: object, token?: string) => request(t!.url).post('/api/conversations/bulk').set(token ? bearer(token) : adminAuth).send(body);
  const get = async (id: number) => (await request(t!.url).get(`/api/conversations/${id}`).set(adminAuth).expect(200)).body;

  it('assigns and changes status in one request, with what changed, what already was so, and what was refused', async () => {
    const anna = await createAgent(t!.url, 'Анна Смирнова', 'anna@example.com');
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await visitorWrites(t!.url, `bulk-visitor-${i}`, `Вопрос ${i}`, '1'));
    await request(t!.url).post(`/api/conversations/${ids[2]}/assign`).set(adminAuth).send({ agentId: anna.id }).expect(200);

    const assigned = (await bulk({ ids: [...ids, 999_999], action: 'assign', agentId: anna.id }, anna.token).expect(200)).body;
    expect(assigned).toEqual({ action: 'assign', changed: [ids[0], ids[1]], unchanged: [ids[2]], refused: [{ id: 999_999, reason: 'conversation 999999 not found' }] });
    for (const id of ids) expect((await get(id)).assigneeId).toBe(anna.id);

    await request(t!.url).post(`/api/conversations/${ids[1]}/status`).set(adminAuth).send({ status: 'resolved' }).expect(200);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const snoozed = (await bulk({ ids, action: 'status', status: 'snoozed', until }).expect(200)).body;
    expect(snoozed.changed).toEqual([ids[0], ids[2]]);
    expect(snoozed.refused).toEqual([{ id: ids[1], reason: 'status: a resolved conversation cannot be snoozed' }]);
    expect(await get(ids[0])).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    expect((await get(ids[1])).status).toBe('resolved');

    const reopened = (await bulk({ ids, action: 'status', status: 'open' }).expect(200)).body;
    expect(reopened).toMatchObject({ changed: ids, unchanged: [], refused: [] });
  });

  it('refuses a malformed request as a whole, naming the field', async () => {
    const id = await visitorWrites(t!.url, 'bulk-visitor-x', 'Вопрос', '1');
    expect((await bulk({ ids: [], action: 'assign', agentId: null }).expect(400)).body.fields).toEqual(['ids']);
    expect((await bulk({ ids: ['a'], action: 'assign', agentId: null }).expect(400)).body.fields).toEqual(['ids']);
    expect((await bulk({ ids: [id], action: 'archive' }).expect(400)).body.fields).toEqual(['action']);
    expect((await bulk({ ids: [id], action: 'assign' }).expect(400)).body.fields).toEqual(['agentId']);
    expect((await bulk({ ids: [id], action: 'assign', agentId: 424242 }).expect(400)).body.fields).toEqual(['agentId']);
    expect((await bulk({ ids: [id], action: 'status', status: 'closed' }).expect(400)).body.fields).toEqual(['status']);
    expect((await bulk({ ids: [id], action: 'status', status: 'open', label: 'x' }).expect(400)).body.fields).toEqual(['label']);
    expect((await bulk({ ids: Array.from({ length: 201 }, (_, i) => i + 1), action: 'status', status: 'open' }).expect(400)).body.fields).toEqual(['ids']);
    const snoozeWithout = (await bulk({ ids: [id], action: 'status', status: 'snoozed' }).expect(200)).body;
    expect(snoozeWithout.refused).toEqual([{ id, reason: 'until: snoozing needs until: the moment the conversation reopens' }]);
    await request(t!.url).post('/api/conversations/bulk').send({ ids: [id], action: 'status', status: 'open' }).expect(401);
  });
});
