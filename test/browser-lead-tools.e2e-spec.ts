import request from 'supertest';
import { DataSource } from 'typeorm';
import { ReviewAssignment, ReviewRound } from '@app/insights';
import { browserTestBed, screenshot, signIn } from './support/browser';
import { ADMIN_TOKEN, eventually } from './support/test-app';
import { visitor } from './support/webchat-visitor';

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
  const bed = browserTestBed();

  it('shows an open incident, sends its update to the linked chats, records and ships a request, and draws the board\'s curve', async () => {
    const t = await bed.startApp({ configYaml: CONFIG });
    const chats: number[] = [];
    for (const [i, text] of ['Не проходит оплата картой', 'Оплата не проходит уже час', 'Хочу тёмную тему'].entries()) {
      chats.push((await (await visitor(t.url, `visitor-lead-00${i}`)).send({ name: `Клиент ${i + 1}`, text, clientMessageId: '1' }).expect(201)).body.conversationId);
    }
    const incident = (await request(t.url).post('/api/incidents').set(auth).send({ title: 'Не проходит оплата', description: 'Шлюз отвечает ошибкой' }).expect(201)).body;
    await request(t.url).post(`/api/incidents/${incident.id}/conversations`).set(auth).send({ conversationIds: [chats[0]] }).expect(200);

    const browser = await bed.launchBrowser();
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
        const history = (await (await visitor(t.url, `visitor-lead-00${i}`)).history().expect(200)).body.items;
        expect(history.filter((m: { text: string }) => m.text === 'Шлюз восстановлен на 80%, ждём полного')).toHaveLength(1);
      });
    }
    await page.waitForSelector('.incident-update .broadcast-result[data-reached="2"]', { timeout: 10_000 });
    await screenshot(page, 'lead-incident-page');

    // The requests page: counted and shipped from there.
    await page.click('.nav-more summary'); // the lead's pages are under "Ещё"
    await page.click('header.top a[href="/feature-requests"]');
    await page.waitForSelector('.requests-table [data-field="customers"]');
    expect(await page.textContent('.requests-table [data-field="customers"]')).toBe('1');
    await page.click('.requests-table th button');
    await page.fill('textarea[name=ship-message]', 'Тёмная тема уже доступна');
    await page.click('[data-request-detail] button[type=submit]');
    await page.waitForSelector('[data-request-detail] .broadcast-result[data-total="1"]');
    await screenshot(page, 'lead-feature-requests');

    // The reviews page: ops score a picked dialogue of Anna's; Anna reads the review and answers it.
    const anna = (await request(t.url).post('/api/agents').set(auth).send({ name: 'Анна', email: 'anna@acme.test', role: 'agent' }).expect(201)).body;
    const db = t.app.get(DataSource);
    const round = await db.getRepository(ReviewRound).save({ weekStart: '2000-01-03', seed: 'seed', periodFrom: new Date(0), periodTo: new Date(1), status: 'picked', dueAt: new Date(1), pickedAt: new Date(1), candidates: 1 });
    const review = await db.getRepository(ReviewAssignment).save({
      roundId: round.id, conversationId: chats[1], agentId: anna.id, reviewerId: null, reasons: ['breached'], status: 'pending', scores: null, comment: null,
      reviewedAt: null, answer: null, answeredAt: null, createdAt: new Date(),
    });
    await page.click('.nav-more summary'); // the lead's pages are under "Ещё"
    await page.click('header.top a[href="/reviews"]');
    await page.waitForSelector('.review-settings select[name=weekday]');
    await page.waitForSelector(`[data-review="${review.id}"][data-status="pending"]`);
    await page.check(`input[name="${review.id}-tone"][value="5"]`);
    await page.fill(`[data-review="${review.id}"] input[name=accuracy-comment]`, 'Тариф назван верно');
    await page.fill(`[data-review="${review.id}"] textarea[name=review-comment]`, 'Хороший тон, не хватило решения');
    await page.click(`[data-review="${review.id}"] button[type=submit]`);
    await page.waitForSelector(`[data-review="${review.id}"][data-status="scored"]`);
    await screenshot(page, 'lead-reviews');
    const agentPage = await browser.context.newPage();
    await signIn(agentPage, t.url, anna.token, '/reviews');
    await agentPage.waitForSelector(`[data-review="${review.id}"] .scores`);
    expect(await agentPage.locator('.review-settings').count()).toBe(0); // agents do not set the review up
    await agentPage.fill('textarea[name=review-answer]', 'Спасибо, учту');
    await agentPage.click(`[data-review="${review.id}"] button[type=submit]`);
    await agentPage.waitForSelector(`[data-review="${review.id}"] .review-answer`);
    await screenshot(agentPage, 'lead-review-agent');
    await agentPage.close();
    const stored = await db.getRepository(ReviewAssignment).findOneByOrFail({ id: review.id });
    expect(stored).toMatchObject({ status: 'scored', answer: 'Спасибо, учту', comment: 'Хороший тон, не хватило решения' });
    expect(stored.scores).toEqual({
      greeting: { score: 3, comment: null }, accuracy: { score: 3, comment: 'Тариф назван верно' }, tone: { score: 5, comment: null }, solution: { score: 3, comment: null },
    });
    await page.bringToFront();

    // The board's curve of today per channel, following a new conversation.
    await page.click('header.top a[href="/board"]');
    await page.waitForSelector('.board-curve [data-chart="today"] canvas');
    await eventually(async () => expect(await page.getAttribute('.board-curve', 'data-opened-today')).toBe('3'), 4000);
    await (await visitor(t.url, 'visitor-lead-new')).send({ text: 'Ещё вопрос', clientMessageId: '1' }).expect(201);
    await eventually(async () => expect(await page.getAttribute('.board-curve', 'data-opened-today')).toBe('4'), 5000);
    await screenshot(page, 'lead-board-curve');
    expect(browser.errors).toEqual([]);
  }, 120_000);

  it('shows an incident in the open inbox the moment it opens, follows its links and hides it once resolved, with no reload', async () => {
    const t = await bed.startApp({ configYaml: CONFIG });
    const chat = (await (await visitor(t.url, 'visitor-lead-live')).send({ name: 'Клиент', text: 'Не проходит оплата', clientMessageId: '1' }).expect(201)).body.conversationId;
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t.url, ADMIN_TOKEN);
    await page.waitForSelector(`[data-conversation-id="${chat}"]`);
    expect(await page.locator('.incident-banner').count()).toBe(0);

    // Pushed to the page: far sooner than any refresh (the safety refresh is minutes apart).
    const incident = (await request(t.url).post('/api/incidents').set(auth).send({ title: 'Шлюз оплаты не отвечает' }).expect(201)).body;
    await page.waitForSelector(`.incident-banner [data-incident="${incident.id}"]`, { timeout: 5000 });
    expect(await page.textContent(`.incident-banner [data-incident="${incident.id}"] .hint`)).toBe('(0)');
    await request(t.url).post(`/api/incidents/${incident.id}/conversations`).set(auth).send({ conversationIds: [chat] }).expect(200);
    await page.waitForSelector(`[data-conversation-id="${chat}"] [data-incident-badge]`, { timeout: 5000 });
    expect(await page.textContent(`.incident-banner [data-incident="${incident.id}"] .hint`)).toBe('(1)');
    await request(t.url).post(`/api/incidents/${incident.id}/resolve`).set(auth).send({}).expect(200);
    await page.waitForSelector('.incident-banner', { state: 'detached', timeout: 5000 });
    expect(await page.locator(`[data-conversation-id="${chat}"] [data-incident-badge]`).count()).toBe(0);
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
