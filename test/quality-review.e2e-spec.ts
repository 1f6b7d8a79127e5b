import request from 'supertest';
import { DataSource } from 'typeorm';
import { ConversationActions, IngestService } from '@app/conversations';
import { pickForReview, QualityReviews, ReportingEvent, ReviewAssignment, ReviewRound } from '@app/insights';
import { Clock } from '@app/platform/clock/clock';
import { FakeClock } from './support/fake-clock';
import { createPostgresSchema } from './support/postgres';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CONFIG = `channels:
  - id: chat
    type: webchat
    policy: { highLoadNotice: off }
`;
interface Review { id: number; conversationId: number; agentId: number; reviewerId: number | null; reasons: string[]; status: string; weekStart: string }

/**
 * The weekly pick runs on a fake clock: Mondays 09:00 UTC it picks among the week before's problem dialogues (breached,
 * reopened, long), at random from its stored seed, up to the size per agent, never a dialogue picked before; it runs
 * once, also when the process was down at the time (the sweep at start). Then a reviewer scores and the agent answers.
 */
describe.each(['sqlite', 'postgres'] as const)('the weekly quality review on %s', (kind) => {
  let t: TestApp;
  let dropSchema: (() => Promise<void>) | null = null;
  let clock: FakeClock;
  let databaseUrl: string | undefined;

  const start = (dir?: string) => startTestApp({ configYaml: CONFIG, databaseUrl, dir, env: { INBOX_ROLE: 'api' }, customize: (b) => b.overrideProvider(Clock).useValue(clock) });

  beforeAll(async () => {
    const schema = kind === 'postgres' ? await createPostgresSchema() : null;
    dropSchema = schema?.drop ?? null;
    databaseUrl = schema?.url;
  });
  afterAll(async () => {
    await t?.destroy();
    await dropSchema?.();
  });

  it('picks 10 per agent among problem dialogues only, reproducibly from its seed, once, after a restart too, and never twice; scores, answers and trends', async () => {
    // Wednesday 4 November 2026; the pick runs on Mondays at 09:00 UTC.
    clock = new FakeClock(new Date('2026-11-04T10:00:00Z'));
    t = await start();
    const agents = await Promise.all(['a1', 'a2', 'lead'].map((name) =>
      request(t.url).post('/api/agents').set(auth).send({ name, email: `${name}@acme.test`, role: name === 'lead' ? 'ops' : 'agent' }).expect(201)));
    const [a1, a2, lead] = agents.map((r) => r.body.id as number);
    const [a1Token, a2Token] = agents.map((r) => ({ Authorization: `Bearer ${r.body.token}` }));
    await request(t.url).put('/api/reviews/settings').set(a1Token).send({ perAgent: 3 }).expect(403);
    expect((await request(t.url).put('/api/reviews/settings').set(auth).send({ weekday: 9 }).expect(400)).body.fields).toEqual(['weekday']);
    expect((await request(t.url).put('/api/reviews/settings').set(auth).send({ weekday: 0, hour: 9, timeZone: 'UTC', perAgent: 10, longMessages: 20 }).expect(200)).body)
      .toMatchObject({ perAgent: 10, criteria: ['greeting', 'accuracy', 'tone', 'solution'] });

    let n = 0;
    /** A dialogue of the agent's this week, with the given reporting facts (none: a dialogue without problems). */
    const dialogue = async (agentId: number, facts: Array<'sla_breach' | 'reopen' | 'long' | 'short'>): Promise<number> => {
      n += 1;
      // The app of the moment: it is restarted in between.
      const [db, ingest, actions] = [t.app.get(DataSource), t.app.get(IngestService), t.app.get(ConversationActions)];
      const { conversationId } = await ingest.ingest({ channelId: 'chat', externalId: `m${n}`, sender: { externalId: `v${n}` }, text: `question ${n}` });
      await actions.assign(conversationId, agentId);
      for (const [i, fact] of facts.entries()) {
        const long = fact === 'long' || fact === 'short';
        await db.getRepository(ReportingEvent).insert({
          kind: long ? 'resolution' : fact, factKey: `seed:${conversationId}:${clock.now().getTime()}:${i}`, conversationId, channelId: 'chat', agentId,
          teamId: null, at: clock.now(), calendarMs: 1000, businessMs: 1000, targetMet: null, messages: fact === 'long' ? 30 : fact === 'short' ? 4 : null, startedAt: null,
        });
      }
      return conversationId;
    };
    const week1Problems = new Map<number, number>(); // conversation → agent
    for (let i = 0; i < 14; i++) week1Problems.set(await dialogue(a1, i < 10 ? ['sla_breach'] : i < 13 ? ['reopen', 'short'] : ['long']), a1);
    const fine = [];
    for (let i = 0; i < 6; i++) fine.push(await dialogue(a1, i % 2 ? ['short'] : []));
    for (let i = 0; i < 3; i++) week1Problems.set(await dialogue(a2, ['sla_breach', 'reopen']), a2);

    // The process is down over Monday's pick moment; at start it sweeps and picks once.
    await t.close();
    clock.set(new Date('2026-11-09T11:00:00Z'));
    t = await start(t.dir);
    const round = await eventually(async () => {
      const r = await t.app.get(DataSource).getRepository(ReviewRound).findOneByOrFail({ weekStart: '2026-11-02' });
      expect(r.status).toBe('picked');
      return r;
    });
    expect(round.candidates).toBe(17);
    expect((await request(t.url).post('/api/reviews/pick').set(auth).expect(200)).body.picked).toBe(false);
    await t.app.get(QualityReviews).pickDue(); // a timer firing twice
    const picked: Review[] = (await request(t.url).get('/api/reviews').set(auth).expect(200)).body.items;
    expect(picked).toHaveLength(13);
    expect(picked.filter((r) => r.agentId === a1)).toHaveLength(10);
    expect(picked.filter((r) => r.agentId === a2)).toHaveLength(3);
    for (const r of picked) {
      expect(week1Problems.get(r.conversationId)).toBe(r.agentId); // only problem dialogues, with the agent whose work it was
      expect(r.weekStart).toBe('2026-11-02');
      expect(r.reviewerId).not.toBe(r.agentId);
    }
    expect(picked.find((r) => r.agentId === a2)!.reasons).toEqual(['breached', 'reopened']);
    // Reproducible: the stored seed and the week's problem dialogues give the same pick.
    const again = pickForReview([...week1Problems].map(([conversationId, agentId]) => ({ conversationId, agentId, reasons: [] })), 10, round.seed);
    expect(again.map((c) => c.conversationId).sort((a, b) => a - b)).toEqual(picked.map((r) => r.conversationId).sort((a, b) => a - b));

    // Next week: the picked dialogues have problems again, with two new ones: only the new ones (and last week's leftovers with new problems) are candidates.
    clock.set(new Date('2026-11-11T10:00:00Z'));
    const leftovers = [...week1Problems.keys()].filter((id) => !picked.some((r) => r.conversationId === id));
    const db2 = t.app.get(DataSource);
    for (const r of picked) {
      await db2.getRepository(ReportingEvent).insert({ kind: 'reopen', factKey: `again:${r.conversationId}`, conversationId: r.conversationId, channelId: 'chat', agentId: r.agentId, teamId: null, at: clock.now(), calendarMs: null, businessMs: null, targetMet: null, messages: null, startedAt: null });
    }
    const fresh = [await dialogue(a2, ['sla_breach']), await dialogue(a2, ['long'])];
    clock.set(new Date('2026-11-16T09:00:00Z'));
    expect((await request(t.url).post('/api/reviews/pick').set(auth).expect(200)).body.picked).toBe(true);
    const week2 = (await db2.getRepository(ReviewAssignment).find({ order: { id: 'ASC' } })).filter((a) => !picked.some((p) => p.id === a.id));
    expect(week2.map((a) => a.conversationId).sort((a, b) => a - b)).toEqual(fresh);
    expect(leftovers.some((id) => week2.some((a) => a.conversationId === id))).toBe(false);
    expect(new Set((await db2.getRepository(ReviewAssignment).find()).map((a) => a.conversationId)).size).toBe(15);

    // The scorecard: every criterion 1–5; ops score, agents may not.
    const review = picked.find((r) => r.agentId === a1)!;
    const card = { greeting: { score: 5 }, accuracy: { score: 3, comment: 'wrong tariff named' }, tone: { score: 4 }, solution: { score: 2, comment: 'no refund offered' } };
    await request(t.url).post(`/api/reviews/${review.id}/score`).set(a1Token).send({ scores: card }).expect(403);
    expect((await request(t.url).post(`/api/reviews/${review.id}/score`).set(auth).send({ scores: { ...card, tone: { score: 6 } } }).expect(400)).body.fields).toEqual(['scores.tone.score']);
    expect((await request(t.url).post(`/api/reviews/${review.id}/score`).set(auth).send({ scores: { ...card, speed: { score: 3 } } }).expect(400)).body.fields).toEqual(['scores.speed']);
    const scored = (await request(t.url).post(`/api/reviews/${review.id}/score`).set(auth).send({ scores: card, comment: 'Check the tariff table' }).expect(200)).body;
    expect(scored).toMatchObject({ status: 'scored', comment: 'Check the tariff table', scores: { accuracy: { score: 3, comment: 'wrong tariff named' }, tone: { score: 4, comment: null } } });

    // The agent sees only the reviews of their own work and answers; another agent can neither see nor answer it.
    const mine: Review[] = (await request(t.url).get('/api/reviews').query({ agent: a2 }).set(a1Token).expect(200)).body.items;
    expect(mine).toHaveLength(10);
    expect(mine.every((r) => r.agentId === a1)).toBe(true);
    await request(t.url).post(`/api/reviews/${review.id}/answer`).set(a2Token).send({ answer: 'not mine' }).expect(404);
    const unscored = picked.find((r) => r.agentId === a1 && r.id !== review.id)!;
    await request(t.url).post(`/api/reviews/${unscored.id}/answer`).set(a1Token).send({ answer: 'early' }).expect(409);
    expect((await request(t.url).post(`/api/reviews/${review.id}/answer`).set(a1Token).send({ answer: 'Понял, тариф уточню' }).expect(200)).body.answer).toBe('Понял, тариф уточню');

    // A second review of a1 that week: the trend averages per criterion and overall.
    await request(t.url).post(`/api/reviews/${unscored.id}/score`).set(auth)
      .send({ scores: { greeting: { score: 3 }, accuracy: { score: 5 }, tone: { score: 4 }, solution: { score: 4 } } }).expect(200);
    const trend = (await request(t.url).get('/api/reviews/trend').set(a1Token).expect(200)).body.items;
    expect(trend).toEqual([{ agentId: a1, weekStart: '2026-11-02', reviews: 2, average: 3.75, criteria: { accuracy: 4, greeting: 4, solution: 3, tone: 4 } }]);
    expect((await request(t.url).get('/api/reviews/trend').set(a2Token).expect(200)).body.items).toEqual([]);
    expect((await request(t.url).get('/api/reviews').query({ reviewer: lead }).set(auth).expect(200)).body.items.every((r: Review) => r.reviewerId === lead)).toBe(true);
  }, 90_000);
});
