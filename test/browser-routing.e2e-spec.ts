import request from 'supertest';
import type { Page } from 'playwright-core';
import { browserTestBed, screenshot, signIn } from './support/browser';
import { configYaml, quietWebchatPolicy, webchatChannel } from './support/config-yaml';
import { auth, createAgent, sendChat } from './support/routing-scenario';
import { eventually } from './support/test-app';

const CONFIG = configYaml({ channels: [webchatChannel('Сайт')], policies: quietWebchatPolicy() });

const loadShown = (page: Page) => page.locator('header.top .availability .load').textContent();

describe('routing in the web inbox', () => {
  const bed = browserTestBed();

  it('the availability switch and "N of M" in the header, and the lead\'s queue view following live events', async () => {
    const t = await bed.startApp({ configYaml: CONFIG });
    const anna = await createAgent(t.url, 'Anna');
    const team = (await request(t.url).post('/api/teams').set(auth)
      .send({ name: 'Чат', channels: ['webchat'], assignment: 'auto', members: [{ agentId: anna.id, lead: true }] }).expect(201)).body;
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t.url, anna.token);
    await page.evaluate('window.sameDocument = true');

    // Offline at first, holding nothing of the default capacity 4.
    const switcher = page.locator('header.top .availability select');
    await eventually(async () => expect(await switcher.inputValue()).toBe('offline'));
    await eventually(async () => expect(await loadShown(page)).toBe('0 из 4'));
    await switcher.selectOption('online');
    await eventually(async () => expect((await request(t.url).get('/api/me/availability').set({ Authorization: `Bearer ${anna.token}` })).body.availability).toBe('online'));

    // A customer writes: the conversation is routed to Anna and her header counts it, live.
    await sendChat(t.url, 'browser-1', 'Здравствуйте');
    await eventually(async () => expect(await loadShown(page)).toBe('1 из 4'), 3000);

    // The queue view: Anna goes busy, two customers wait, shown as they arrive; online again, they go to her.
    await page.click('header.top nav a[href="/queue"]');
    await page.waitForSelector('.queue-page [data-field="waiting"]');
    await switcher.selectOption('busy');
    await eventually(async () => expect(await page.locator(`.queue-members tr[data-agent="${anna.id}"]`).getAttribute('data-availability')).toBe('busy'), 3000);
    await sendChat(t.url, 'browser-2', 'Вопрос про доставку');
    await sendChat(t.url, 'browser-3', 'Вопрос про оплату');
    await eventually(async () => expect(await page.locator('.queue-page [data-field="waiting"]').textContent()).toBe('2'), 3000);
    expect(await page.locator('.queue-waiting li').count()).toBe(2);
    expect(await page.locator('.queue-page [data-field="longestWait"]').textContent()).not.toBe('—');
    await screenshot(page, 'routing-queue-view');
    expect(await page.evaluate('window.sameDocument')).toBe(true);

    await switcher.selectOption('online');
    await eventually(async () => expect(await page.locator('.queue-page [data-field="waiting"]').textContent()).toBe('0'), 3000);
    await eventually(async () => expect(await page.locator(`.queue-members tr[data-agent="${anna.id}"] [data-field="load"]`).textContent()).toBe('3 из 4'), 3000);
    await eventually(async () => expect(await loadShown(page)).toBe('3 из 4'), 3000);
    expect((await request(t.url).get(`/api/conversations?team=${team.id}&assignee=${anna.id}`).set(auth)).body.items).toHaveLength(3);
    expect(browser.errors).toEqual([]);
  }, 90_000);
});
