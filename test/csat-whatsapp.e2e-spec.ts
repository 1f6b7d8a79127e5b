import request from 'supertest';
import { hubSignature } from '@app/channels/whatsapp';
import { FakeGraphApi } from './support/fake-graph-api';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const PHONE_NUMBER_ID = '1234567890';
const APP_SECRET = 'test-app-secret';
const HOUR = 3600_000;
const ALL = 'open,pending,snoozed,resolved';
const CONFIG = `
channels:
  - id: wa-cloud
    type: whatsapp
    connection: cloud
    phoneNumberId: "${PHONE_NUMBER_ID}"
    accessToken: test-access-token
    appSecret: ${APP_SECRET}
    verifyToken: test-verify-token
    apiRoot: \${GRAPH_API_ROOT}
    sendIntervalMs: 20
    csat:
      enabled: true
      question: Оцените нашу помощь
      delay: 0
outbox:
  retryBaseMs: 40
  pollMs: 20
`;

function webhook(messages: unknown[]): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001234', phone_number_id: PHONE_NUMBER_ID }, messages } }] }],
  });
}
const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe('CSAT on WhatsApp Cloud: an interactive list of faces, and no survey outside the 24-hour window', () => {
  let graph: FakeGraphApi;
  let t: TestApp;

  beforeEach(async () => {
    graph = await new FakeGraphApi(PHONE_NUMBER_ID, 'test-access-token').start();
    t = await startTestApp({ configYaml: CONFIG, env: { GRAPH_API_ROOT: graph.apiRoot } });
  });
  afterEach(async () => {
    await t.destroy();
    await graph.close();
  });

  const post = (body: string) => request(t.url).post('/webhooks/whatsapp/wa-cloud').set('Content-Type', 'application/json').set('X-Hub-Signature-256', hubSignature(body, APP_SECRET)).send(body).expect(200);
  const conversations = async () => (await request(t.url).get('/api/conversations').query({ status: ALL }).set(auth).expect(200)).body.items;
  const surveyOf = async (id: number) => (await request(t.url).get(`/api/conversations/${id}/csat`).set(auth).expect(200)).body.survey;

  async function resolvedConversation(from: string, at: number): Promise<number> {
    await post(webhook([{ from, id: `wamid.IN-${from}`, timestamp: seconds(at), type: 'text', text: { body: 'Где мой заказ?' } }]));
    const id = await eventually(async () => (await conversations()).find((c: { contact: { name: string } }) => c.contact.name.includes(from)).id as number);
    await request(t.url).post(`/api/conversations/${id}/status`).set(auth).send({ status: 'resolved' }).expect(200);
    return id;
  }

  it('asks with an interactive list and reads the list reply as the rating, without reopening', async () => {
    const id = await resolvedConversation('4915100000001', Date.now());
    const asked = await eventually(() => {
      const sent = graph.sends.find((s) => s.body.type === 'interactive');
      expect(sent).toBeDefined();
      return sent!;
    }, 10_000);
    expect(asked.body.interactive!.body.text).toBe('Оцените нашу помощь');
    const rows = asked.body.interactive!.action.sections![0].rows;
    expect(rows.map((r) => r.title)).toEqual(['🤩', '😀', '😐', '🙁', '😠']);

    await post(webhook([{ from: '4915100000001', id: 'wamid.PRESS', timestamp: seconds(Date.now()), type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: rows[1].id, title: rows[1].title } } }]));
    await eventually(async () => expect(await surveyOf(id)).toMatchObject({ status: 'answered', rating: 4 }));
    expect(await conversations()).toEqual([expect.objectContaining({ id, status: 'resolved' })]);
    const report = (await request(t.url).get('/api/reports/csat').query({ channel: 'wa-cloud' }).set(auth).expect(200)).body;
    expect(report).toMatchObject({ responses: 1, score: 1 });
  });

  it('does not send the survey when the customer last wrote more than 24 hours ago, and records why', async () => {
    const id = await resolvedConversation('4915100000002', Date.now() - 25 * HOUR);
    const survey = await eventually(async () => {
      const s = await surveyOf(id);
      expect(s.status).toBe('skipped');
      return s;
    }, 10_000);
    expect(survey.skipReason).toMatch(/24-hour reply window \(the customer last wrote at .*\)/);
    expect(graph.sends.filter((s) => s.body.type === 'interactive')).toHaveLength(0);
    const report = (await request(t.url).get('/api/reports/csat').set(auth).expect(200)).body;
    expect(report.skipped).toEqual([{ reason: survey.skipReason, count: 1 }]);
  });
});
