import request from 'supertest';
import type { Page } from 'playwright-core';
import { IngestService } from '@app/conversations';
import { launchBrowser, screenshot, signIn, TestBrowser } from './support/browser';
import { configYaml, FAST_OUTBOX, quietWebchatPolicy, SWITCHED_OFF_BOT, webchatChannel } from './support/config-yaml';
import { createPostgresSchema } from './support/postgres';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
// The web chat held to 5 seconds (warned at 3), and a Telegram bot whose messages the test stores as its adapter
// would (the bot is disabled: no connection to Telegram is needed).
const CONFIG = configYaml({
  channels: [webchatChannel('Сайт'), SWITCHED_OFF_BOT],
  policies: quietWebchatPolicy({ firstResponse: '5s', nextResponse: '5s', warnAt: 0.6 }),
  outbox: FAST_OUTBOX,
});

type Figures = Record<'open' | 'unanswered' | 'longestWait' | 'medianFirstResponse' | 'warnings' | 'breaches', string>;

async function figures(page: Page, channelId: string): Promise<Figures> {
  const cells = await page.locator(`tr[data-channel="${channelId}"] td[data-field]`)
    .evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-field'), td.textContent ?? '']));
  return Object.fromEntries(cells) as Figures;
}

/** Waits until the board shows these figures (it is never reloaded: the changes come over the realtime connection). */
async function boardShows(page: Page, channelId: string, expected: Partial<Figures>, timeoutMs = 3000): Promise<Figures> {
  return eventually(async () => {
    const shown = await figures(page, channelId);
    expect(shown).toMatchObject(expected);
    return shown;
  }, timeoutMs);
}

describe('the live board', () => {
  let t: TestApp | null = null;
  let browser: TestBrowser | null = null;
  let dropSchema: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await browser?.close();
    await t?.destroy();
    await dropSchema?.();
    browser = null;
    t = null;
    dropSchema = null;
  });

  it('changes its counts per channel as conversations arrive, are answered, breach and are resolved', async () => {
    t = await startTestApp({ configYaml: CONFIG });
    browser = await launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t.url, ADMIN_TOKEN, '/board');
    await page.evaluate('window.sameDocument = true');
    await boardShows(page, 'webchat', { open: '0', unanswered: '0', longestWait: '—', medianFirstResponse: '—', warnings: '0', breaches: '0' });
    await boardShows(page, 'support-bot', { open: '0', unanswered: '0' });
    await expect(page.locator('tr[data-channel="webchat"] .target').textContent()).resolves.toBe('цель 5с');

    // Пётр writes and is answered at once: unanswered goes up and down, today's median first response appears.
    const first = await (await visitor(t.url, 'visitor-board-001')).send({ name: 'Пётр', text: 'Добрый день', clientMessageId: '1' }).expect(201);
    await boardShows(page, 'webchat', { open: '1', unanswered: '1' });
    await request(t.url).post(`/api/conversations/${first.body.conversationId}/messages`).set(auth).send({ body: 'Здравствуйте!' }).expect(201);
    const answered = await boardShows(page, 'webchat', { open: '1', unanswered: '0', longestWait: '—' });
    expect(answered.medianFirstResponse).toMatch(/^[0-2]с$/);

    // Ольга on the site and Сергей on Telegram wait: each channel counts its own.
    await (await visitor(t.url, 'visitor-board-002')).send({ name: 'Ольга', text: 'Не могу оплатить', clientMessageId: '1' }).expect(201);
    await boardShows(page, 'webchat', { open: '2', unanswered: '1' });
    await t.app.get(IngestService).ingest({
      channelId: 'support-bot', externalId: '777:1', sender: { externalId: '777', name: 'Сергей' }, text: 'Бот не отвечает',
    });
    await boardShows(page, 'support-bot', { open: '1', unanswered: '1' });
    await boardShows(page, '', { open: '3', unanswered: '2' }); // the total of all channels
    // The longest wait ticks on its own between events.
    const before = (await figures(page, 'webchat')).longestWait;
    await boardShows(page, 'webchat', { longestWait: `${Number(before.replace('с', '')) + 1}с` }, 1500);

    // Ольга waits past her 5 seconds: a warning, then a breach, both counted today; her wait turns red.
    const breached = await boardShows(page, 'webchat', { warnings: '1', breaches: '1' }, 7000);
    expect(breached.unanswered).toBe('1');
    await eventually(async () => expect(await page.locator('tr[data-channel="webchat"] td[data-field=longestWait]').getAttribute('class')).toBe('urgency-breached'), 1500);
    await screenshot(page, 'board-live');

    // Resolving takes a conversation off the board's open count.
    const list = (await request(t.url).get('/api/conversations?channel=webchat&assignee=none').set(auth)).body.items as Array<{ id: number; awaitingReply: boolean }>;
    const olga = list.find((c) => c.awaitingReply)!;
    await request(t.url).post(`/api/conversations/${olga.id}/status`).set(auth).send({ status: 'resolved' }).expect(200);
    await boardShows(page, 'webchat', { open: '1', unanswered: '0', longestWait: '—', warnings: '1', breaches: '1' });
    expect(await page.evaluate('window.sameDocument')).toBe(true); // never reloaded

    // The figures on screen are the API's.
    const api = (await request(t.url).get('/api/board').set(auth).expect(200)).body;
    expect(api.channels).toEqual([
      expect.objectContaining({ channelId: 'webchat', type: 'webchat', name: 'Сайт', open: 1, unanswered: 0, longestWaitSeconds: null, warningsToday: 1, breachesToday: 1 }),
      expect.objectContaining({ channelId: 'support-bot', type: 'telegram', open: 1, unanswered: 1, medianFirstResponseSecondsToday: null, warningsToday: 0 }),
    ]);
    expect(api.channels[0].medianFirstResponseSecondsToday).toBeLessThanOrEqual(2);
    expect(browser.errors).toEqual([]);
  });

  it('answers the same board from PostgreSQL', async () => {
    const schema = await createPostgresSchema();
    dropSchema = schema.drop;
    t = await startTestApp({ configYaml: CONFIG, databaseUrl: schema.url });
    const first = await (await visitor(t.url, 'visitor-pg-0001')).send({ text: 'one', clientMessageId: '1' }).expect(201);
    await (await visitor(t.url, 'visitor-pg-0002')).send({ text: 'two', clientMessageId: '1' }).expect(201);
    await request(t.url).post(`/api/conversations/${first.body.conversationId}/messages`).set(auth).send({ body: 'hi' }).expect(201);
    const board = (await request(t.url).get('/api/board').set(auth).expect(200)).body;
    expect(board.channels[0]).toMatchObject({ channelId: 'webchat', open: 2, unanswered: 1, warningsToday: 0, breachesToday: 0 });
    expect(board.channels[0].longestWaitSeconds).toBeGreaterThanOrEqual(0);
    expect(board.channels[0].medianFirstResponseSecondsToday).toBeLessThanOrEqual(1);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const later = (await request(t.url).get('/api/board').query({ since: tomorrow }).set(auth).expect(200)).body;
    expect(later.channels[0]).toMatchObject({ open: 2, medianFirstResponseSecondsToday: null });
    await request(t.url).get('/api/board').query({ since: 'yesterday' }).set(auth).expect(400);
  });
});
