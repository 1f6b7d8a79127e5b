import request from 'supertest';
import { DataSource } from 'typeorm';
import { Conversation, ConversationActions, DomainEvents, IngestService, LabelsService, ReplyService } from '@app/conversations';
import { ReportingEvent } from '@app/insights';
import { Clock } from '@app/platform/clock/clock';
import { FakeClock } from './support/fake-clock';
import { createPostgresSchema } from './support/postgres';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

// Two web chats: "chat" answers within business hours in Berlin (Mon–Fri 09:00–17:00), "site" around the clock.
// The API role alone: no SLA clock firing on real timers while the fake clock jumps across days.
const CONFIG = `channels:
  - id: chat
    type: webchat
    policy:
      firstResponse: 10m
      nextResponse: 10m
      highLoadNotice: off
      businessHours:
        timeZone: Europe/Berlin
        weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] }
  - id: site
    type: webchat
    policy:
      firstResponse: 5m
      nextResponse: 10m
      highLoadNotice: off
`;

/** Parses our CSV (no quoted cells in these tables) into rows of strings. */
function parseCsv(text: string): Array<Record<string, string>> {
  const [head, ...lines] = text.trim().split('\r\n');
  const columns = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])));
}
const asCsvCells = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? '' : String(v)]));

describe.each(['sqlite', 'postgres'] as const)('reports on %s: the overview from a seeded history', (kind) => {
  let t: TestApp;
  let dropSchema: (() => Promise<void>) | null = null;
  let clock: FakeClock;
  let a1: number;
  let a2: number;
  let a2Token: string;
  const overview = (query: Record<string, string>, headers = auth) => request(t.url).get('/api/reports/overview').query(query).set(headers);
  const PERIOD = { from: '2026-03-27T00:00:00Z', to: '2026-03-31T00:00:00Z', tz: 'Europe/Berlin' };

  beforeAll(async () => {
    clock = new FakeClock(new Date('2026-03-27T08:00:00Z'));
    const schema = kind === 'postgres' ? await createPostgresSchema() : null;
    dropSchema = schema?.drop ?? null;
    t = await startTestApp({ configYaml: CONFIG, databaseUrl: schema?.url, env: { INBOX_ROLE: 'api' }, customize: (b) => b.overrideProvider(Clock).useValue(clock) });
    const made = await Promise.all(['One', 'Two'].map((name, i) =>
      request(t.url).post('/api/agents').set(auth).send({ name: `Agent ${name}`, email: `a${i}@example.com`, role: 'agent' }).expect(201)));
    [a1, a2] = made.map((r) => r.body.id);
    a2Token = made[1].body.token;

    const ingest = t.app.get(IngestService);
    const replies = t.app.get(ReplyService);
    const actions = t.app.get(ConversationActions);
    const at = (iso: string) => clock.set(new Date(iso));
    const customer = async (iso: string, channelId: string, visitor: string, id: string) => {
      at(iso);
      return (await ingest.ingest({ channelId, externalId: id, sender: { externalId: visitor }, text: `message ${id}` })).conversationId;
    };
    const reply = async (iso: string, conversationId: number, agentId: number) => {
      at(iso);
      await replies.reply(conversationId, agentId, 'an answer', 'reply');
    };

    // C1 on "chat": Friday 16:50 in Berlin, answered Monday 09:10 (after the clocks went forward), resolved 09:30.
    const c1 = await customer('2026-03-27T15:50:00Z', 'chat', 'v1', 'm1');
    // C2 on "chat": Sunday 00:30 (CET) in Berlin, again at 03:30 (CEST), answered Sunday 23:30 (CEST).
    const c2 = await customer('2026-03-28T23:30:00Z', 'chat', 'v2', 'm2');
    await customer('2026-03-29T01:30:00Z', 'chat', 'v2', 'm3');
    await reply('2026-03-29T21:30:00Z', c2, a2);
    at('2026-03-30T07:05:00Z');
    await actions.assign(c1, a1);
    await actions.assign(c1, a1); // the same assignee again: no new fact
    await reply('2026-03-30T07:10:00Z', c1, a1);
    at('2026-03-30T07:30:00Z');
    await actions.setStatus(c1, 'resolved');
    await actions.setStatus(c1, 'resolved'); // already resolved: no second resolution
    // C3 on "site" (24/7): a dialogue of four messages, resolved unassigned, then reopened.
    const c3 = await customer('2026-03-30T08:00:00Z', 'site', 'v3', 'm4');
    await reply('2026-03-30T08:04:00Z', c3, a1);
    await customer('2026-03-30T08:10:00Z', 'site', 'v3', 'm5');
    await reply('2026-03-30T08:30:00Z', c3, a2);
    at('2026-03-30T08:40:00Z');
    await actions.setStatus(c3, 'resolved');
    at('2026-03-30T09:00:00Z');
    await actions.setStatus(c3, 'open');
    await customer('2026-03-30T09:00:00Z', 'site', 'v3', 'm5'); // a redelivered message: a duplicate, no fact
    at('2026-03-31T12:00:00Z');
  });

  afterAll(async () => {
    await t?.destroy();
    await dropSchema?.();
  });

  it('records each fact once, with calendar and business-hours values measured at the time', async () => {
    const events = await t.app.get(DataSource).getRepository(ReportingEvent).find({ order: { id: 'ASC' } });
    expect(events.map((e) => [e.kind, e.channelId, e.agentId, e.calendarMs, e.businessMs, e.targetMet])).toEqual([
      ['opened', 'chat', null, null, null, null],
      ['opened', 'chat', null, null, null, null],
      // 22 hours on the clock (a 23-hour day), none of them business hours: Sunday.
      ['response', 'chat', a2, 79_200_000, 0, true],
      ['first_response', 'chat', a2, 79_200_000, 0, true],
      ['assignment', 'chat', a1, null, null, null],
      // Friday 16:50 → Monday 09:10: 63 h 20 min on the clock, 10 + 10 business minutes; the target was Friday 17:00.
      ['response', 'chat', a1, 228_000_000, 1_200_000, false],
      ['first_response', 'chat', a1, 228_000_000, 1_200_000, false],
      ['resolution', 'chat', a1, 229_200_000, 2_400_000, null],
      ['opened', 'site', null, null, null, null],
      ['response', 'site', a1, 240_000, 240_000, true],
      ['first_response', 'site', a1, 240_000, 240_000, true],
      ['response', 'site', a2, 1_200_000, 1_200_000, false],
      ['resolution', 'site', null, 2_400_000, 2_400_000, null],
      ['reopen', 'site', null, 1_200_000, 1_200_000, null],
    ]);
    expect(events.find((e) => e.kind === 'resolution' && e.channelId === 'site')!.messages).toBe(4);
    expect(new Set(events.map((e) => e.factKey)).size).toBe(events.length);
  });

  it('computes every figure in total, per channel and per agent', async () => {
    const res = await overview({ ...PERIOD, groupBy: 'day' }).expect(200);
    expect(res.body.timeZone).toBe('Europe/Berlin');
    expect(res.body.total[0]).toEqual({
      opened: 3, resolved: 2, reopened: 1, assignments: 1,
      firstResponses: 3, firstResponseMedianSeconds: 79_200, firstResponseP90Seconds: 228_000,
      firstResponseBusinessMedianSeconds: 240, firstResponseBusinessP90Seconds: 1200,
      responses: 4, responseMedianSeconds: 1200, responseBusinessMedianSeconds: 240,
      resolutionMedianSeconds: 2400, resolutionP90Seconds: 229_200, resolutionBusinessMedianSeconds: 2400, resolutionBusinessP90Seconds: 2400,
      messagesPerDialogue: 3, dialogueDurationAverageSeconds: 115_800,
      slaMet: 2, slaMissed: 2, slaMetPercent: 50, slaWarnings: 0, slaBreaches: 0,
    });
    const channel = (id: string) => res.body.channels.find((c: { channelId: string }) => c.channelId === id);
    expect(channel('chat')).toMatchObject({
      opened: 2, resolved: 1, firstResponses: 2, firstResponseMedianSeconds: 79_200, firstResponseP90Seconds: 228_000,
      firstResponseBusinessMedianSeconds: 0, firstResponseBusinessP90Seconds: 1200, messagesPerDialogue: 2, slaMetPercent: 50,
    });
    expect(channel('site')).toMatchObject({ opened: 1, resolved: 1, reopened: 1, firstResponseMedianSeconds: 240, responseMedianSeconds: 240, messagesPerDialogue: 4, slaMetPercent: 50 });
    const agent = (id: number) => res.body.agents.find((a: { agentId: number }) => a.agentId === id);
    expect(res.body.agents.map((a: { agentId: number }) => a.agentId)).toEqual([a1, a2].sort((x, y) => x - y)); // by id
    expect(agent(a1)).toMatchObject({ assignments: 1, firstResponses: 2, firstResponseMedianSeconds: 240, resolved: 1, slaMet: 1, slaMissed: 1 });
    expect(agent(a2)).toMatchObject({ firstResponses: 1, firstResponseMedianSeconds: 79_200, responses: 2, resolved: 0, slaMet: 1, slaMissed: 1 });
  });

  it('puts the series and the hour-of-week load on the wall clock of the time zone', async () => {
    const berlin = (await overview({ ...PERIOD, groupBy: 'day' }).expect(200)).body;
    expect(berlin.series.map((b: { bucket: string; opened: number; firstResponses: number }) => [b.bucket, b.opened, b.firstResponses])).toEqual([
      ['2026-03-27', 1, 0], ['2026-03-28', 0, 0], ['2026-03-29', 1, 1], ['2026-03-30', 1, 2], ['2026-03-31', 0, 0],
    ]);
    // In UTC, C2 opened on Saturday the 28th.
    const utc = (await overview({ ...PERIOD, tz: 'UTC', groupBy: 'day' }).expect(200)).body;
    expect(utc.series.map((b: { bucket: string; opened: number }) => [b.bucket, b.opened])).toEqual([
      ['2026-03-27', 1], ['2026-03-28', 1], ['2026-03-29', 0], ['2026-03-30', 1],
    ]);
    const load = Object.fromEntries(berlin.load.map((row: { weekday: string }) => [row.weekday, row]));
    expect([load.fri.h16, load.sun.h00, load.mon.h10]).toEqual([1, 1, 1]);
    expect(berlin.load.flatMap((row: Record<string, unknown>) => Object.values(row).filter((v) => typeof v === 'number')).reduce((a: number, b: number) => a + b, 0)).toBe(3);
    expect(berlin.channelSeries.filter((r: { channelId: string }) => r.channelId === 'chat').map((r: { opened: number }) => r.opened)).toEqual([1, 0, 1, 0, 0]);

    // The daylight-saving day in Berlin has 23 hours: 02:00 does not exist.
    const day = (await overview({ from: '2026-03-28T23:00:00Z', to: '2026-03-29T22:00:00Z', tz: 'Europe/Berlin', groupBy: 'hour' }).expect(200)).body;
    expect(day.series).toHaveLength(23);
    expect(day.series.slice(0, 3).map((b: { bucket: string; opened: number }) => [b.bucket, b.opened])).toEqual([
      ['2026-03-29T00:00+01:00', 1], ['2026-03-29T01:00+01:00', 0], ['2026-03-29T03:00+02:00', 0],
    ]);
    expect(day.series[22]).toMatchObject({ bucket: '2026-03-29T23:00+02:00', firstResponses: 1, firstResponseMedianSeconds: 79_200 });
    const week = (await overview({ ...PERIOD, groupBy: 'week' }).expect(200)).body;
    expect(week.series.map((b: { bucket: string; opened: number }) => [b.bucket, b.opened])).toEqual([['2026-03-23', 2], ['2026-03-30', 1]]);
  });

  it('exports each table as CSV with the same figures as the JSON', async () => {
    const json = (await overview({ ...PERIOD, groupBy: 'day' }).expect(200)).body;
    for (const table of ['total', 'channels', 'agents', 'series', 'channelSeries', 'load']) {
      const csv = await overview({ ...PERIOD, groupBy: 'day', format: 'csv', table }).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="overview-${table}.csv"`);
      expect(parseCsv(csv.text)).toEqual(json[table].map(asCsvCells));
    }
  });

  it('shows an agent only their own figures, whatever they ask for', async () => {
    const asA2 = { Authorization: `Bearer ${a2Token}` };
    const own = (await overview({ ...PERIOD, agent: String(a1) }, asA2).expect(200)).body;
    expect(own.filters.agent).toBe(a2);
    expect(own.agents.map((a: { agentId: number }) => a.agentId)).toEqual([a2]);
    expect(own.total[0]).toMatchObject({ firstResponses: 1, responses: 2, resolved: 0, opened: 0 });
    const csv = await overview({ ...PERIOD, format: 'csv', table: 'agents' }, asA2).expect(200);
    expect(parseCsv(csv.text).map((r) => r.agentId)).toEqual([String(a2)]);
    const ops = (await overview({ ...PERIOD, agent: String(a1) }).expect(200)).body;
    expect(ops.total[0]).toMatchObject({ firstResponses: 2, resolved: 1 });
    await request(t.url).get('/api/reports/overview').expect(401);
  });

  it('names the bad field', async () => {
    expect((await overview({ ...PERIOD, groupBy: 'month' }).expect(400)).body.fields).toEqual(['groupBy']);
    expect((await overview({ ...PERIOD, tz: 'Mars/Olympus' }).expect(400)).body.fields).toEqual(['tz']);
    expect((await overview({ ...PERIOD, format: 'xlsx' }).expect(400)).body.fields).toEqual(['format']);
    expect((await overview({ ...PERIOD, format: 'csv', table: 'everything' }).expect(400)).body.fields).toEqual(['table']);
    expect((await overview({ from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z', groupBy: 'hour' }).expect(400)).body.fields).toEqual(['groupBy']);
    expect((await overview({ from: '2026-03-31T00:00:00Z', to: '2026-03-30T00:00:00Z' }).expect(400)).body.fields).toEqual(['from']);
  });

  it('counts the conversations per label among those of the period and filters (JSON and CSV)', async () => {
    const [c1, c2, c3] = (await t.app.get(DataSource).getRepository(Conversation).find({ order: { id: 'ASC' } })).map((c) => c.id);
    const labels = t.app.get(LabelsService);
    const vip = await labels.create({ name: 'VIP', color: '#ff0000' });
    const complaint = await labels.create({ name: 'Жалоба', color: '#00aa00' });
    await labels.create({ name: 'Unused', color: '#0000ff' });
    for (const c of [c1, c2, c3]) await labels.add(c, vip.id, a1);
    await labels.add(c3, complaint.id, a1);

    const all = (await overview(PERIOD).expect(200)).body;
    expect(all.labels).toEqual([
      { labelId: vip.id, name: 'VIP', color: '#ff0000', conversations: 3 },
      { labelId: complaint.id, name: 'Жалоба', color: '#00aa00', conversations: 1 },
    ]);
    expect((await overview({ ...PERIOD, channel: 'chat' }).expect(200)).body.labels).toEqual([{ labelId: vip.id, name: 'VIP', color: '#ff0000', conversations: 2 }]);
    expect((await overview({ from: '2026-03-30T07:50:00Z', to: '2026-03-31T00:00:00Z' }).expect(200)).body.labels.map((l: { conversations: number }) => l.conversations)).toEqual([1, 1]);
    const csv = await overview({ ...PERIOD, format: 'csv', table: 'labels' }).expect(200);
    expect(parseCsv(csv.text)).toEqual(all.labels.map(asCsvCells));
  });
});

describe.each(['sqlite', 'postgres'] as const)('reports on %s: the SLA alerts', (kind) => {
  let t: TestApp | null = null;
  let dropSchema: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await t?.destroy();
    t = null;
    await dropSchema?.();
  });

  it('records each warning and breach once: from the alert, again at start, and when the alert is heard twice', async () => {
    const config = 'channels:\n  - id: webchat\n    type: webchat\npolicies:\n  webchat:\n    firstResponse: 1500ms\n    warnAt: 0.5\n    highLoadNotice: off\n';
    const schema = kind === 'postgres' ? await createPostgresSchema() : null;
    dropSchema = schema?.drop ?? null;
    t = await startTestApp({ configYaml: config, databaseUrl: schema?.url });
    const sent = await (await visitor(t.url, 'visitor-rep-0001')).send({ text: 'hello?', clientMessageId: '1' }).expect(201);
    const kinds = async (app: TestApp) => (await app.app.get(DataSource).getRepository(ReportingEvent).find({ order: { id: 'ASC' } }))
      .map((e) => [e.kind, e.conversationId]);
    const expected = [['opened', sent.body.conversationId], ['sla_warning', sent.body.conversationId], ['sla_breach', sent.body.conversationId]];
    await eventually(async () => expect(await kinds(t!)).toEqual(expected), 5000);
    const report = (await request(t.url).get('/api/reports/overview').set(auth).expect(200)).body;
    expect(report.total[0]).toMatchObject({ opened: 1, slaWarnings: 1, slaBreaches: 1 });
    expect(report.channels[0]).toMatchObject({ channelId: 'webchat', slaWarnings: 1, slaBreaches: 1 });

    // A second process hearing the same alert, and a restart copying the last day's alerts: nothing new.
    const events = t.app.get(DomainEvents);
    events.emit('sla.breached', { conversationId: sent.body.conversationId, channelId: 'webchat', target: 'firstResponse', dueAt: new Date().toISOString(), at: new Date().toISOString(), assigneeId: null });
    await t.close();
    t = await startTestApp({ configYaml: config, databaseUrl: schema?.url, dir: t.dir });
    await new Promise((r) => setTimeout(r, 300));
    expect(await kinds(t)).toEqual(expected);
  });
});
