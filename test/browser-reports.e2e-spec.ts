import { readFileSync } from 'node:fs';
import request from 'supertest';
import { IngestService } from '@app/conversations';
import { browserTestBed, screenshot, signIn } from './support/browser';
import { configYaml, FAST_OUTBOX, quietWebchatPolicy, SWITCHED_OFF_BOT, webchatChannel } from './support/config-yaml';
import { ADMIN_TOKEN, eventually } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CONFIG = configYaml({ channels: [webchatChannel('Сайт'), SWITCHED_OFF_BOT], policies: quietWebchatPolicy(), outbox: FAST_OUTBOX });

describe('the reports page and the board\'s curve', () => {
  const bed = browserTestBed();

  it('draws the charts from the API\'s figures and follows new conversations on the board', async () => {
    const t = await bed.startApp({ configYaml: CONFIG });
    const anna = (await request(t.url).post('/api/agents').set(auth).send({ name: 'Анна', email: 'anna@example.com', role: 'agent' }).expect(201)).body;
    const asAnna = { Authorization: `Bearer ${anna.token}` };
    const chats = [];
    for (const [i, text] of ['Добрый день', 'Не могу оплатить', 'Где мой заказ?'].entries()) {
      chats.push((await (await visitor(t.url, `visitor-rep-00${i}`)).send({ text, clientMessageId: '1' }).expect(201)).body.conversationId);
    }
    await request(t.url).post(`/api/conversations/${chats[0]}/assign`).set(auth).send({ agentId: anna.id }).expect(200);
    await request(t.url).post(`/api/conversations/${chats[0]}/messages`).set(asAnna).send({ body: 'Здравствуйте!' }).expect(201);
    await request(t.url).post(`/api/conversations/${chats[1]}/messages`).set(auth).send({ body: 'Сейчас проверю' }).expect(201);
    await request(t.url).post(`/api/conversations/${chats[0]}/status`).set(asAnna).send({ status: 'resolved' }).expect(200);
    await t.app.get(IngestService).ingest({ channelId: 'support-bot', externalId: '777:1', sender: { externalId: '777', name: 'Сергей' }, text: 'Бот не отвечает' });

    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t.url, ADMIN_TOKEN, '/');
    await page.click('header.top nav a[href="/reports"]');
    await page.waitForSelector('[data-chart="volume"] canvas');
    await page.waitForSelector('[data-chart="first-response"] canvas');
    // One line per channel, named as configured, over the week's hours.
    expect(await page.getAttribute('[data-chart="volume"]', 'data-series')).toBe('Бот поддержки|Сайт');
    expect(Number(await page.getAttribute('[data-chart="volume"]', 'data-points'))).toBeGreaterThanOrEqual(7 * 24);
    await expect(page.locator('[data-chart="volume"] .u-legend').textContent()).resolves.toContain('Сайт');
    await expect(page.locator('.tile[data-figure="opened"] .tile-value').textContent()).resolves.toBe('4');
    await expect(page.locator('.tile[data-figure="resolved"] .tile-value').textContent()).resolves.toBe('1');
    // The heatmap holds the four conversations, all in this hour of the week.
    const cells = await page.locator('.heatmap td[data-count]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))));
    expect(cells).toHaveLength(7 * 24);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(4);
    expect(Math.max(...cells)).toBe(4);
    // Agents side by side: Анна answered and resolved one; the admin answered one.
    const annaColumn = `[data-column="${anna.id}"]`;
    await expect(page.locator(`.side-by-side thead th${annaColumn}`).first().textContent()).resolves.toBe('Анна');
    await expect(page.locator(`.side-by-side tr[data-figure="firstResponses"] td${annaColumn}`).first().textContent()).resolves.toBe('1');
    await expect(page.locator(`.side-by-side tr[data-figure="resolved"] td${annaColumn}`).first().textContent()).resolves.toBe('1');
    await screenshot(page, 'reports-page');
    await page.locator('.heatmap').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-page-tables');

    // The export is the API's CSV of the same table.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-csv="agents"]')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^agentId,opened,resolved,/);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);

    // The board: today's curve per channel, redrawn as a conversation arrives.
    await page.click('header.top nav a[href="/board"]');
    await page.waitForSelector('.board-curve [data-chart="today"] canvas');
    await page.evaluate('window.sameDocument = true');
    await eventually(async () => expect(await page.getAttribute('.board-curve', 'data-opened-today')).toBe('4'), 3000);
    await (await visitor(t.url, 'visitor-rep-009')).send({ text: 'Ещё вопрос', clientMessageId: '1' }).expect(201);
    await eventually(async () => expect(await page.getAttribute('.board-curve', 'data-opened-today')).toBe('5'), 4000);
    expect(await page.getAttribute('.board-curve [data-chart="today"]', 'data-series')).toBe('Бот поддержки|Сайт');
    expect(await page.evaluate('window.sameDocument')).toBe(true);
    await screenshot(page, 'board-curve');

    // An agent's reports page shows their own figures only.
    const agentPage = await browser.context.newPage();
    await signIn(agentPage, t.url, anna.token, '/reports');
    await agentPage.waitForSelector('[data-chart="volume"] canvas');
    expect(await agentPage.locator('select[name="agent"]').count()).toBe(0);
    await expect(agentPage.locator('.side-by-side thead th[data-column]').first().textContent()).resolves.toBe('Анна');
    await expect(agentPage.locator('.tile[data-figure="resolved"] .tile-value').textContent()).resolves.toBe('1');
    await agentPage.close();
    expect(browser.errors).toEqual([]);
  });
});
