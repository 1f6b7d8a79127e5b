import request from 'supertest';
import { FakeVkApi } from './support/fake-vk-api';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const ANNA = 7101;

describe('CSAT on VK: an inline keyboard of faces', () => {
  let fake: FakeVkApi;
  let t: TestApp;

  beforeEach(async () => {
    fake = await FakeVkApi.start();
    fake.addUser(ANNA, 'Анна', 'Петрова');
    t = await startTestApp({ configYaml: fake.configYaml('    csat:\n      enabled: true\n      question: { ru: "Как мы справились?", en: "How did we do?" }\n      delay: 0\n') });
  });
  afterEach(async () => {
    await t.destroy();
    await fake.close();
  });

  const conversations = async () => (await request(t.url).get('/api/conversations').query({ status: 'open,pending,snoozed,resolved' }).set(auth).expect(200)).body.items;
  const surveyOf = async (id: number) => (await request(t.url).get(`/api/conversations/${id}/csat`).set(auth).expect(200)).body.survey;

  it('asks once with a keyboard, reads the pressed button (its payload) as the rating and the next message as the comment', async () => {
    // Events from before the first poll are history the channel starts after.
    await eventually(() => expect(fake.callsOf('a_check').length).toBeGreaterThan(0));
    fake.publish(fake.messageNew(ANNA, 1, { text: 'Здравствуйте' }));
    const { id } = await eventually(async () => (await conversations())[0] ?? Promise.reject(new Error('none yet')));
    await request(t.url).post(`/api/conversations/${id}/status`).set(auth).send({ status: 'resolved' }).expect(200);
    const asked = await eventually(() => fake.sent.find((s) => s.keyboard) ?? Promise.reject(new Error('not asked')), 10_000);
    expect(asked.text).toBe('Как мы справились?');
    const buttons = asked.keyboard!.buttons.flat();
    expect(buttons.map((b) => b.action.label)).toEqual(['🤩', '😀', '😐', '🙁', '😠']);

    fake.publish(fake.messageNew(ANNA, 2, { text: '😐', payload: buttons[2].action.payload }));
    await eventually(async () => expect(await surveyOf(id)).toMatchObject({ status: 'answered', rating: 3 }), 10_000);
    await eventually(() => expect(fake.sent).toHaveLength(2), 10_000);
    fake.publish(fake.messageNew(ANNA, 3, { text: 'Долго ждала ответа' }));
    await eventually(async () => expect(await surveyOf(id)).toMatchObject({ comment: 'Долго ждала ответа' }), 10_000);
    expect(await conversations()).toEqual([expect.objectContaining({ id, status: 'resolved' })]);
    expect(fake.sent.filter((s) => s.keyboard)).toHaveLength(1);
    const report = (await request(t.url).get('/api/reports/csat').set(auth).expect(200)).body;
    expect(report).toMatchObject({ responses: 1, score: 0, comments: [{ rating: 3, comment: 'Долго ждала ответа' }] });
  });
});
