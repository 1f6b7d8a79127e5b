import Redis from 'ioredis';
import request from 'supertest';
import { whatsappChannelType } from '@app/channels/whatsapp';
import { FakeWwebDevice, fakeMessage } from './support/fake-wweb-client';
import { createPostgresSchema } from './support/postgres';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const ALL = 'open,pending,snoozed,resolved';
const CSAT = `    csat:
      enabled: true
      question: { ru: "Как мы справились?", en: "How did we do?" }
      delay: 0
`;

async function conversations(t: TestApp) {
  return (await request(t.url).get('/api/conversations').query({ status: ALL }).set(auth).expect(200)).body.items;
}
const surveyOf = async (t: TestApp, id: number) => (await request(t.url).get(`/api/conversations/${id}/csat`).set(auth).expect(200)).body.survey;
const resolve = (t: TestApp, id: number) => request(t.url).post(`/api/conversations/${id}/status`).set(auth).send({ status: 'resolved' }).expect(200);

describe('CSAT on a WhatsApp linked device: a numbered question, the reply read back', () => {
  let t: TestApp;
  let device: FakeWwebDevice;
  const CHAT = '4915122223333@c.us';

  beforeEach(async () => {
    device = new FakeWwebDevice();
    t = await startTestApp({
      configYaml: `channels:\n  - id: wa\n    type: whatsapp\n    connection: web\n    sendIntervalMs: 20\n${CSAT}outbox:\n  retryBaseMs: 40\n  pollMs: 20\n`,
      channelTypes: [whatsappChannelType({ webClientFactory: device.factory })],
    });
    await eventually(() => expect(device.current.initialized).toBe(1));
    device.current.link();
    await eventually(async () => {
      const channels = (await request(t.url).get('/api/channels').set(auth).expect(200)).body.items;
      expect(channels[0].state).toBe('ready');
    });
  });
  afterEach(() => t.destroy());

  it('asks with five numbered faces; a reply of "2" is the rating, the next message the comment; nothing reopens', async () => {
    device.current.emit('message', fakeMessage({ from: CHAT, body: 'Здравствуйте', pushname: 'Kerry' }));
    const { id } = await eventually(async () => (await conversations(t))[0] ?? Promise.reject(new Error('none')));
    await resolve(t, id);
    const asked = await eventually(() => device.current.sent.find((s) => s.content.startsWith('Как мы справились?')) ?? Promise.reject(new Error('not asked')), 10_000);
    expect(asked.content).toBe('Как мы справились?\n\n1. 🤩\n2. 😀\n3. 😐\n4. 🙁\n5. 😠');

    device.current.emit('message', fakeMessage({ from: CHAT, body: '2', pushname: 'Kerry' }));
    await eventually(async () => expect(await surveyOf(t, id)).toMatchObject({ status: 'answered', rating: 4 }), 10_000);
    await eventually(() => expect(device.current.sent).toHaveLength(2), 10_000);
    device.current.emit('message', fakeMessage({ from: CHAT, body: 'Быстро и вежливо', pushname: 'Kerry' }));
    await eventually(async () => expect(await surveyOf(t, id)).toMatchObject({ comment: 'Быстро и вежливо' }), 10_000);
    expect(await conversations(t)).toEqual([expect.objectContaining({ id, status: 'resolved' })]);
  });
});

// The last run keeps its timers in Redis (BullMQ), as a cluster does.
describe.each(['sqlite', 'postgres', 'postgres+redis'] as const)('CSAT in the web chat on %s: five buttons through the visitor API', (kind) => {
  let t: TestApp;
  let dropSchema: (() => Promise<void>) | undefined;
  let redisEnv: { REDIS_URL: string; REDIS_PREFIX: string } | undefined;
  beforeEach(async () => {
    const schema = kind !== 'sqlite' ? await createPostgresSchema() : null;
    dropSchema = schema?.drop;
    redisEnv = kind === 'postgres+redis' ? { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: `csat-test-${process.pid}-${Date.now()}:` } : undefined;
    t = await startTestApp({ configYaml: `channels:\n  - id: webchat\n    type: webchat\n${CSAT}outbox:\n  retryBaseMs: 50\n  pollMs: 50\n`, databaseUrl: schema?.url, env: redisEnv });
  });
  afterEach(async () => {
    await t.destroy();
    await dropSchema?.();
    if (redisEnv) {
      const redis = new Redis(redisEnv.REDIS_URL);
      try {
        const keys = await redis.keys(`${redisEnv.REDIS_PREFIX}*`);
        // The survey's timer went through BullMQ: its queue exists under the test's prefix.
        expect(keys.some((k) => k.includes(':csat:'))).toBe(true);
        if (keys.length) await redis.del(...keys);
      } finally {
        await redis.quit();
      }
    }
  });

  /** The test's visitor: a token from POST /webchat/session, sent in X-Visitor-Token. */
  const customer = () => visitor(t.url, 'visitor-csat-1');

  it('offers the faces as choices; a press is the rating, a later text the comment; a rating does not reopen', async () => {
    await (await customer()).send({ clientMessageId: 'c1', text: 'Здравствуйте' }).expect(201);
    const { id } = (await conversations(t))[0];
    await resolve(t, id);
    const survey = await eventually(async () => {
      const items = (await (await customer()).history().expect(200)).body.items;
      const offer = items.find((m: { choices: unknown }) => m.choices);
      expect(offer).toBeDefined();
      return offer;
    }, 10_000);
    expect(survey.text).toBe('Как мы справились?');
    expect(survey.choices.map((c: { label: string }) => c.label)).toEqual(['🤩', '😀', '😐', '🙁', '😠']);

    await (await customer()).send({ clientMessageId: 'c2', choiceId: survey.choices[4].id, replyTo: survey.id }).expect(201);
    await eventually(async () => expect(await surveyOf(t, id)).toMatchObject({ status: 'answered', rating: 1 }));
    // The invitation to comment is a plain message (its typed choice is not drawn).
    const invitation = await eventually(async () => {
      const items = (await (await customer()).history().expect(200)).body.items;
      expect(items.at(-1).direction).toBe('out');
      return items.at(-1);
    }, 10_000);
    expect(invitation.choices).toBeNull();
    await (await customer()).send({ clientMessageId: 'c3', text: 'Ответа ждала слишком долго' }).expect(201);
    await eventually(async () => expect(await surveyOf(t, id)).toMatchObject({ comment: 'Ответа ждала слишком долго' }));
    expect(await conversations(t)).toEqual([expect.objectContaining({ id, status: 'resolved' })]);
    const report = (await request(t.url).get('/api/reports/csat').query({ channel: 'webchat' }).set(auth).expect(200)).body;
    expect(report).toMatchObject({ responses: 1, score: 0, distribution: expect.arrayContaining([{ rating: 1, count: 1 }]) });
  });
});
