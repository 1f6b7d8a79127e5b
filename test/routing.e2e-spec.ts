import request from 'supertest';
import { auth, capacityScenario, routingConfig } from './support/routing-scenario';
import { startTestApp, TestApp } from './support/test-app';

describe('routing on SQLite: teams, capacity, automatic assignment', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ configYaml: routingConfig() });
  });
  afterEach(async () => {
    await t.destroy();
  });

  it('3 online agents of capacity 3 and 20 conversations at once: 3 each at most, 11 wait in urgency order, a resolve lets the next through', async () => {
    await capacityScenario([t.url], { strictUrgency: true });
  }, 30_000);

  it('teams need ops and name their bad fields', async () => {
    const agent = (await request(t.url).post('/api/agents').set(auth).send({ name: 'Ira', email: 'ira@example.test', role: 'agent' }).expect(201)).body;
    await request(t.url).post('/api/teams').set({ Authorization: `Bearer ${agent.token}` }).send({ name: 'X' }).expect(403);
    await request(t.url).get('/api/teams').expect(401);
    const bad = await request(t.url).post('/api/teams').set(auth).send({ name: 'X', line: 0, assignment: 'sometimes', members: [{ agentId: 'one' }] }).expect(400);
    expect(bad.body.fields).toEqual(expect.arrayContaining(['line', 'assignment', 'members.0.agentId']));
    expect((await request(t.url).post('/api/teams').set(auth).send({ line: 1 }).expect(400)).body.fields).toEqual(['name']);
    expect((await request(t.url).post('/api/teams').set(auth).send({ name: 'Y', overflowTeamId: 999 }).expect(400)).body.fields).toEqual(['overflowTeamId']);
    const team = (await request(t.url).post('/api/teams').set(auth).send({ name: 'Y', members: [{ agentId: agent.id, lead: true }] }).expect(201)).body;
    expect(team).toMatchObject({ name: 'Y', line: 1, assignment: 'manual', channels: [], members: [{ agentId: agent.id, lead: true }] });
    const patched = await request(t.url).patch(`/api/teams/${team.id}`).set(auth).send({ line: 2, channels: ['webchat'] }).expect(200);
    expect(patched.body).toMatchObject({ line: 2, channels: ['webchat'] });
    // The lead sees the queue view; another agent does not.
    await request(t.url).get(`/api/teams/${team.id}/queue`).set({ Authorization: `Bearer ${agent.token}` }).expect(200);
    const other = (await request(t.url).post('/api/agents').set(auth).send({ name: 'Oleg', email: 'oleg@example.test', role: 'agent' }).expect(201)).body;
    await request(t.url).get(`/api/teams/${team.id}/queue`).set({ Authorization: `Bearer ${other.token}` }).expect(403);
    await request(t.url).patch(`/api/agents/${other.id}`).set({ Authorization: `Bearer ${other.token}` }).send({ capacity: 9 }).expect(403);
    expect((await request(t.url).patch(`/api/agents/${other.id}`).set(auth).send({ capacity: 0 }).expect(400)).body.fields).toEqual(['capacity']);
    expect((await request(t.url).put('/api/me/availability').set(auth).send({ availability: 'away' }).expect(400)).body.fields).toEqual(['availability']);
    await request(t.url).delete(`/api/teams/${team.id}`).set(auth).expect(204);
    await request(t.url).get(`/api/teams/${team.id}`).set(auth).expect(404);
  });
});
