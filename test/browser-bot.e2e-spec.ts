import request from 'supertest';
import { closeAll, launchBrowser, screenshot, signIn, TestBrowser } from './support/browser';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const ops = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('the bot in the agents\' browser', () => {
  let t: TestApp | null = null;
  let browser: TestBrowser | null = null;
  afterEach(() => closeAll(browser, t));

  it('the agent who opens a handed-over chat sees that the bot handed it over, and its transcript', async () => {
    t = await startTestApp({ configYaml: `
channels:
  - id: webchat
    type: webchat
    bot: on
outbox: { retryBaseMs: 50, retryMaxMs: 200, pollMs: 50 }
` });
    await request(t.url).post('/api/kb/articles').set(ops)
      .send({ title: 'Оплата банковской картой', body: 'Мы принимаем карты Мир, Visa и Mastercard.', category: 'Оплата', language: 'ru', status: 'published' }).expect(201);
    const igor = await visitor(t.url, 'visitor-bot-browser');
    await igor.send({ name: 'Игорь', text: 'Можно оплатить картой?', clientMessageId: 'b1' }).expect(201);
    await igor.send({ text: 'Нужен человек', clientMessageId: 'b2' }).expect(201);

    browser = await launchBrowser();
    const agent = await browser.newPage();
    await signIn(agent, t.url, ADMIN_TOKEN);
    await agent.locator('.row', { hasText: 'Игорь' }).click();
    await agent.locator('.bot-state', { hasText: 'Передан ботом' }).waitFor({ timeout: 10_000 });
    await agent.getByText('Бот передал разговор: клиент попросил человека', { exact: false }).waitFor({ timeout: 10_000 });
    await screenshot(agent, 'bot-handover-transcript');
  }, 60_000);
});
