import request from 'supertest';
import { browserTestBed, screenshot, signIn } from './support/browser';
import { configYaml, FAST_OUTBOX, quietWebchatPolicy, webchatChannel } from './support/config-yaml';
import { ADMIN_TOKEN, eventually } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
// The web chat held to 3 seconds, warned at half of it, so a deadline passes while the test watches.
const CONFIG = configYaml({
  channels: [webchatChannel('Web chat')],
  policies: quietWebchatPolicy({ firstResponse: '3s', nextResponse: '3s', warnAt: 0.5 }),
  outbox: FAST_OUTBOX,
});

describe('deadlines in the web inbox', () => {
  const bed = browserTestBed();

  it('counts down to the next deadline, turns amber at the warning and red when it is breached', async () => {
    const t = await bed.startApp({ configYaml: CONFIG });
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t.url, ADMIN_TOKEN);

    // A calm conversation answered in time, and one nobody answers.
    const calm = await (await visitor(t.url, 'visitor-calm-0001')).send({ name: 'Олег', text: 'Уже не срочно', clientMessageId: '1' }).expect(201);
    await request(t.url).post(`/api/conversations/${calm.body.conversationId}/messages`).set(auth).send({ body: 'Готово!' }).expect(201);
    const late = await (await visitor(t.url, 'visitor-late-0001')).send({ name: 'Ирина', text: 'Где мой заказ №4521?', clientMessageId: '1' }).expect(201);
    const conversation = (await request(t.url).get(`/api/conversations/${late.body.conversationId}`).set(auth)).body;
    const warnAt = Date.parse(conversation.warnAt);
    const dueAt = Date.parse(conversation.dueAt);

    const row = page.locator(`.row[data-conversation-id="${late.body.conversationId}"]`);
    const countdown = row.locator('.countdown');
    await countdown.waitFor();
    expect(await countdown.getAttribute('data-urgency')).toBe('ok');
    expect(await countdown.textContent()).toMatch(/^0:0[1-3]$/);
    // Most urgent first: the unanswered one above the answered one (which has no deadline left).
    await expect(page.locator('.row').first().getAttribute('data-conversation-id')).resolves.toBe(String(late.body.conversationId));
    await expect(page.locator(`.row[data-conversation-id="${calm.body.conversationId}"] .countdown`).count()).resolves.toBe(0);

    await row.click();
    const large = page.locator('.countdown.large');
    await page.waitForSelector(`.row[data-conversation-id="${late.body.conversationId}"] .countdown[data-urgency=warning]`, { timeout: 4000 });
    expect(Date.now() - warnAt).toBeGreaterThanOrEqual(0);
    expect(Date.now() - warnAt).toBeLessThan(1000);
    expect(await large.getAttribute('data-urgency')).toBe('warning');
    expect(await countdown.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).color)).toBe('rgb(166, 90, 0)'); // amber
    await screenshot(page, 'sla-warning');

    await page.waitForSelector(`.row[data-conversation-id="${late.body.conversationId}"] .countdown[data-urgency=breached]`, { timeout: 4000 });
    expect(Date.now() - dueAt).toBeGreaterThanOrEqual(0);
    expect(Date.now() - dueAt).toBeLessThan(1000);
    expect(await countdown.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor)).toBe('rgb(198, 40, 40)'); // red
    expect(await large.getAttribute('data-urgency')).toBe('breached');
    await page.waitForFunction((el) => el?.textContent?.startsWith('−'), await countdown.elementHandle(), { timeout: 2000 });

    // The server agrees (slaState), and the "breaching" filter shows exactly this one.
    await page.getByRole('checkbox', { name: 'Просрочены' }).check();
    await eventually(async () => expect(await page.locator('.row').count()).toBe(1));
    await expect(page.locator('.row').getAttribute('data-conversation-id')).resolves.toBe(String(late.body.conversationId));
    expect((await request(t.url).get(`/api/conversations/${late.body.conversationId}`).set(auth)).body.slaState).toBe('breached');
    await screenshot(page, 'sla-breached');

    // Answering late clears the deadline: the countdown disappears and the row leaves the breaching list.
    await page.fill('textarea[name=reply]', 'Простите за ожидание, заказ уже в пути.');
    await page.press('textarea[name=reply]', 'Enter');
    await page.getByText('Здесь нет обращений.').waitFor({ timeout: 2000 });
    await expect(large.count()).resolves.toBe(0);
    expect(browser.errors).toEqual([]);
  });
});
