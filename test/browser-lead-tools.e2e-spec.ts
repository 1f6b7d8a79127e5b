import request from 'supertest';
import { closeAll, launchBrowser, screenshot, signIn, TestBrowser } from './support/browser';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CONFIG = `channels:
  - id: webchat
    type: webchat
    name: Сайт
policies:
  webchat:
    highLoadNotice: off
outbox:
  retryBaseMs: 50
  pollMs: 50
`;

/** The lead tools in the web inbox: the incident banner and badge, an update sent from its page, a feature request recorded from a conversation, the reviews page, and the board's curve. */
describe('the lead tools in the browser', () => {
  let t: TestApp | null = null;
  let browser: TestBrowser | null = null;
  afterEach(async () => {
    await closeAll(browser, t);
    browser = null;
    t = null;
  });

  it('shows an open incident, sends its update to the linked chats, records and ships a request, and draws the board\'s curve', async () => {
    t = await startTestApp({ configYaml: CONFIG });
    const chats: number[] = [];
    for (const [i, text] of ['Не проходит оплата картой', 'Оплата не проходит уже час', 'Хочу тёмную тему'].entries()) {
      chats.push((await request(t.url).post('/webchat/messages').send({ visitorId: `visitor-lead-00${i}`, name: `Клиент ${i + 1}`, text, clientMessageId: '1' }).expect(201)).body.conversationId);
    }
    const incident = (await request(t.url).post('/api/incidents').set(auth).send({ title: 'Не проходит оплата', description: 'Шлюз отвечает ошибкой' }).expect(201)).body;
    await request(t.url).post(`/api/incidents/${incident.id}/conversations`).set(auth).send({ conversationIds: [chats[0]] }).expect(200);

    browser = await launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t.url, ADMIN_TOKEN, '/');
    // The inbox: a banner for the open incident, a badge on the linked row only.
    await page.waitForSelector(`.incident-banner [data-incident="${incident.id}"]`);
    await page.waitForSelector(`[data-conversation-id="${chats[0]}"] [data-incident-badge]`);
    expect(await page.locator(`[data-conversation-id="${chats[1]}"] [data-incident-badge]`).count()).toBe(0);
    await screenshot(page, 'lead-inbox-incident');

    // From the third conversation, the agent records a feature request.
    await page.click(`[data-conversation-id="${chats[2]}"]`);
    await page.click(`[data-lead-tools="${chats[2]}"] button[aria-expanded]`);
    await page.fill('input[name=request-title]', 'Тёмная тема');
    await page.fill('input[name=workaround]', 'Режим чтения браузера');
    await page.click('.request-form button[type=submit]');
    await page.waitForSelector(`[data-lead-tools="${chats[2]}"] [role=status]`);

    // The incident's page: the second chat is suggested; link it and send an update to both.
    await page.click(`.incident-banner [data-incident="${incident.id}"]`);
    await page.waitForSelector(`[data-incident-detail="${incident.id}"]`);
    await page.waitForSelector('[data-suggestions="1"]');
    await page.check('.suggestion-list input[type=checkbox]');
    await page.click('[data-suggestions] button');
    await eventually(async () => expect(await page.locator('.chips li').count()).toBe(2));
    await page.fill('textarea[name=update-body]', 'Шлюз восстановлен на 80%, ждём полного');
    await page.click('form:has(textarea[name=update-body]) button[type=submit]');
    await page.waitForSelector('.incident-update .broadcast-result[data-total="2"]');
    for (const [i] of chats.slice(0, 2).entries()) {
      await eventually(async () => {
        const history = (await request(t!.url).get('/webchat/messages').query({ visitorId: `visitor-lead-00${i}` }).expect(200)).body.items;
        expect(history.filter((m: { text: string }) => m.text === 'Шлюз восстановлен на 80%, ждём полного')).toHaveLength(1);
      });
    }
    await page.waitForSelector('.incident-update .broadcast-result[data-reached="2"]', { timeout: 10_000 });
    await screenshot(page, 'lead-incident-page');

    // The requests page: counted and shipped from there.
    await page.click('header.top a[href="/feature-requests"]');
    await page.waitForSelector('.requests-table [data-field="customers"]');
    expect(await page.textContent('.requests-table [data-field="customers"]')).toBe('1');
    await page.click('.requests-table th button');
    await page.fill('textarea[name=ship-message]', 'Тёмная тема уже доступна');
    await page.click('[data-request-detail] button[type=submit]');
    await page.waitForSelector('[data-request-detail] .broadcast-result[data-total="1"]');
    await screenshot(page, 'lead-feature-requests');

    // The reviews page (ops): settings and the pick.
    await page.click('header.top a[href="/reviews"]');
    await page.waitForSelector('.review-settings select[name=weekday]');
    await screenshot(page, 'lead-reviews');

    // The board's curve of today per channel, following a new conversation.
    await page.click('header.top a[href="/board"]');
    await page.waitForSelector('.board-curve [data-chart="today"] canvas');
    await eventually(async () => expect(await page.getAttribute('.board-curve', 'data-opened-today')).toBe('3'), 4000);
    await request(t.url).post('/webchat/messages').send({ visitorId: 'visitor-lead-new', text: 'Ещё вопрос', clientMessageId: '1' }).expect(201);
    await eventually(async () => expect(await page.getAttribute('.board-curve', 'data-opened-today')).toBe('4'), 5000);
    await screenshot(page, 'lead-board-curve');
    expect(browser.errors).toEqual([]);
  }, 120_000);
});
