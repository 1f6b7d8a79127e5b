import request from 'supertest';
import { closeAll, launchBrowser, screenshot, signIn, TestBrowser } from './support/browser';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const ops = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('the bot in the agents\' browser', () => {
  let t: TestApp | null = null;
  let browser: TestBrowser | null = null;
  afterEach(() => closeAll(browser, t));

  /** A server whose web chat has the bot on, with one article it answers from. */
  async function startWithBot(): Promise<TestApp> {
    const app = await startTestApp({ configYaml: `
channels:
  - id: webchat
    type: webchat
    bot: on
outbox: { retryBaseMs: 50, retryMaxMs: 200, pollMs: 50 }
` });
    await request(app.url).post('/api/kb/articles').set(ops)
      .send({ title: 'Оплата банковской картой', body: 'Мы принимаем карты Мир, Visa и Mastercard.', category: 'Оплата', language: 'ru', status: 'published' }).expect(201);
    return app;
  }

  it('the agent who opens a handed-over chat sees that the bot handed it over, and its transcript', async () => {
    t = await startWithBot();
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

  it('keeps the chats the bot answers off the default list; a lead finds one under "With the bot" and takes it over', async () => {
    t = await startWithBot();
    const held = (await (await visitor(t.url, 'visitor-bot-tab-1')).send({ name: 'Вера', text: 'Можно оплатить картой?', clientMessageId: 'b1' }).expect(201)).body.conversationId;
    const handed = (await (await visitor(t.url, 'visitor-bot-tab-2')).send({ name: 'Пётр', text: 'Позовите оператора', clientMessageId: 'b1' }).expect(201)).body.conversationId;
    const lead = (await request(t.url).post('/api/agents').set(ops).send({ name: 'Ольга Лид', email: 'olga@example.com', role: 'ops' }).expect(201)).body;

    browser = await launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t.url, lead.token);
    await page.waitForSelector(`.row[data-conversation-id="${handed}"]`);
    expect(await page.locator(`.row[data-conversation-id="${held}"]`).count()).toBe(0);

    await page.click('.filters button.with-bot');
    await page.waitForSelector(`.row[data-conversation-id="${held}"]`);
    expect(await page.locator(`.row[data-conversation-id="${handed}"]`).count()).toBe(0);
    await screenshot(page, 'bot-tab');
    await page.click(`.row[data-conversation-id="${held}"]`);
    await page.locator('.bot-state', { hasText: 'Отвечает бот' }).waitFor();
    await page.click('.conv-actions button:has-text("Забрать у бота")');
    await page.locator('.bot-state', { hasText: 'Передан ботом' }).waitFor({ timeout: 10_000 });
    // Taken over: off the bot's tab at once, and on the default list as the lead's.
    await page.waitForSelector(`.row[data-conversation-id="${held}"]`, { state: 'detached', timeout: 10_000 });
    await page.click('.filters button.with-bot');
    await page.waitForSelector(`.row[data-conversation-id="${held}"]`);
    const stored = (await request(t.url).get(`/api/conversations/${held}`).set(ops).expect(200)).body;
    expect(stored).toMatchObject({ assigneeId: lead.id, bot: { state: 'handed_over', handoverReason: 'agent' } });
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
