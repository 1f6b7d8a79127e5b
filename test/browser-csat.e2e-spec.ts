import request from 'supertest';
import { closeAll, launchBrowser, screenshot, signIn, TestBrowser } from './support/browser';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('the conversation view shows the customer\'s rating', () => {
  let t: TestApp | null = null;
  let browser: TestBrowser | null = null;
  afterEach(() => closeAll(browser, t));

  it('shows the face and the comment in the header of a rated conversation', async () => {
    t = await startTestApp({ configYaml: 'channels:\n  - id: webchat\n    type: webchat\n    csat: { enabled: true, delay: 0 }\noutbox:\n  retryBaseMs: 50\n  pollMs: 50\n' });
    const url = t.url;
    const maria = await visitor(url, 'visitor-rated-1');
    const post = (body: Record<string, unknown>) => maria.send(body).expect(201);
    const sent = await post({ clientMessageId: 'c1', name: 'Мария', text: 'Где мой заказ?' });
    const id = sent.body.conversationId as number;
    await request(url).post(`/api/conversations/${id}/status`).set(auth).send({ status: 'resolved' }).expect(200);
    const offer = await eventually(async () => {
      const items = (await maria.history().expect(200)).body.items;
      return items.find((m: { choices: unknown }) => m.choices) ?? Promise.reject(new Error('not asked'));
    }, 10_000);
    await post({ clientMessageId: 'c2', choiceId: '5', replyTo: offer.id });
    await eventually(async () => {
      const items = (await maria.history().expect(200)).body.items;
      expect(items.at(-1).direction).toBe('out');
    }, 10_000);
    await post({ clientMessageId: 'c3', text: 'Всё быстро, спасибо!' });

    browser = await launchBrowser();
    const agent = await browser.newPage();
    await signIn(agent, url, ADMIN_TOKEN, `/?c=${id}`);
    const rating = agent.locator('.conv-head .csat-rating[data-rating="5"]');
    await rating.waitFor();
    expect(await rating.textContent()).toContain('🤩');
    expect(await rating.locator('.csat-comment').textContent()).toBe('Всё быстро, спасибо!');
    // The agent sees what the customer was offered under the question.
    expect(await agent.locator('.msg-choices .msg-choice').count()).toBe(5);
    await screenshot(agent, 'conversation-csat-rating');
    expect(browser.errors).toEqual([]);
  }, 120_000);
});
