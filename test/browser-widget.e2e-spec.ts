import request from 'supertest';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { browserTestBed, screenshot } from './support/browser';
import { configYaml, FAST_OUTBOX, HIGH_WEBCHAT_LIMITS, quietWebchatPolicy, webchatChannel } from './support/config-yaml';
import { ADMIN_TOKEN, eventually, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

/** A shop's page on its own origin (http://localhost:<port>, the inbox being http://127.0.0.1:<port>) with the script tag. */
async function shopPage(inboxUrl: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">
      <style>* { font-size: 40px !important; color: red !important; } div { display: none !important; }</style></head>
      <body><h1>Shop</h1><script src="${inboxUrl()}/widget.js" data-channel="webchat" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://localhost:${(server.address() as AddressInfo).port}` };
}

const config = (allowedOrigins: string[], sections: Record<string, unknown> = {}) => configYaml({
  channels: [webchatChannel('Магазин', { colour: '#0a7d48', allowedOrigins })],
  policies: quietWebchatPolicy(),
  outbox: FAST_OUTBOX,
  ...sections,
});

describe('the widget on another site, in Debian\'s chromium', () => {
  const bed = browserTestBed();
  let t: TestApp | null = null;
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));

  it('chats from an allowed site, gets the reply live, keeps history over a reload, delivers what was typed while the server restarted, and is refused on another site', async () => {
    const shop = await shopPage(() => t!.url);
    const stranger = await shopPage(() => t!.url);
    servers.push(shop.server, stranger.server);
    t = await bed.startApp({ configYaml: config([shop.origin]) });
    const port = Number(new URL(t.url).port);

    const browser = await bed.launchBrowser({ locale: 'ru-RU' });
    const page = await browser.newPage();
    await page.goto(shop.origin);
    await page.locator('.launcher').click();
    await page.locator('.panel header h1', { hasText: 'Магазин' }).waitFor();
    // The site's styles do not reach into the widget.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(await page.locator('.greeting').evaluate((el) => (el as any).ownerDocument.defaultView.getComputedStyle(el).fontSize)).toBe('13px');

    const input = page.locator('textarea');
    await input.fill('Здравствуйте!');
    await input.press('Shift+Enter');
    await input.pressSequentially('Где мой заказ https://shop.example/orders/4521 ?');
    await input.press('Enter');
    const mine = page.locator('.msg.in').first();
    await page.locator('.msg.in[data-status="sent"]').waitFor();
    expect(await mine.locator('.status').textContent()).toBe('отправлено');
    expect(await mine.locator('a').getAttribute('href')).toBe('https://shop.example/orders/4521');

    const [conversation] = (await request(t.url).get('/api/conversations').set(auth).expect(200)).body.items;
    const inbound = (await request(t.url).get(`/api/conversations/${conversation.id}/messages`).set(auth).expect(200)).body.items;
    expect(inbound[0].body).toBe('Здравствуйте!\nГде мой заказ https://shop.example/orders/4521 ?');
    expect(conversation.language).toBe('ru');

    await request(t.url).post(`/api/conversations/${conversation.id}/messages`).set(auth).send({ body: 'Заказ в пути, приедет завтра' }).expect(201);
    const reply = page.locator('.msg.out', { hasText: 'Заказ в пути' });
    await reply.waitFor();
    expect(await reply.locator('.author').textContent()).toBe('Administrator');
    await page.locator('.msg.in[data-status="read"]').waitFor();
    await screenshot(page, 'widget-chat');

    await page.reload();
    await page.locator('.msg.out', { hasText: 'Заказ в пути' }).waitFor();
    expect(await page.locator('.msg.in .bubble').first().textContent()).toContain('Где мой заказ');

    // The server goes away; what the customer types waits in the widget and arrives once it is back.
    await t.close();
    await input.fill('Можно курьером?');
    await input.press('Enter');
    const waiting = page.locator('.msg.in', { hasText: 'Можно курьером?' });
    await waiting.waitFor();
    expect(await waiting.getAttribute('data-status')).toBe('sending');
    expect(await waiting.locator('.status').textContent()).toBe('отправляется…');
    await new Promise((r) => setTimeout(r, 1500));
    t = await bed.startApp({ configYaml: config([shop.origin]), dir: t.dir, port });
    await page.locator('.msg.in[data-status="sent"]', { hasText: 'Можно курьером?' }).waitFor({ timeout: 40_000 });
    const after = await eventually(async () => {
      const items = (await request(t!.url).get(`/api/conversations/${conversation.id}/messages`).set(auth).expect(200)).body.items;
      expect(items.map((m: { body: string }) => m.body)).toContain('Можно курьером?');
      return items;
    });
    expect(after.filter((m: { body: string }) => m.body === 'Можно курьером?')).toHaveLength(1);

    // A site the channel does not list: the widget is refused and nothing is stored.
    const other = await browser.context.newPage();
    await other.goto(stranger.origin);
    await other.locator('.root[data-refused]').waitFor();
    expect(await other.locator('.notice').textContent()).toBe('Чат недоступен на этом сайте');
    expect((await request(t.url).get('/api/conversations').set(auth).expect(200)).body.items).toHaveLength(1);

    // On a phone the panel fills the screen and keeps the input in view.
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 740 });
    await phone.goto(shop.origin);
    // The panel stays as the visitor left it (open) across pages of the site.
    await phone.locator('.panel').waitFor();
    await phone.locator('.msg.out', { hasText: 'Заказ в пути' }).waitFor();
    const box = await phone.locator('.panel').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 740 });
    const inputBox = await phone.locator('textarea').boundingBox();
    expect(inputBox!.y + inputBox!.height).toBeLessThanOrEqual(740);
    await screenshot(phone, 'widget-phone');

    // /chat is the same widget filling the page, under the page's strict CSP (no inline code or styles).
    const full = await browser.context.newPage();
    const problems: string[] = [];
    full.on('console', (m) => { if (m.type() === 'error' && !m.location().url.includes('favicon')) problems.push(`${m.location().url}: ${m.text()}`); });
    full.on('pageerror', (e) => problems.push(e.message));
    await full.goto(`${t.url}/chat`);
    await full.locator('.root.page .panel header h1', { hasText: 'Магазин' }).waitFor();
    await full.locator('textarea').fill('С полной страницы');
    await full.locator('textarea').press('Enter');
    await full.locator('.msg.in[data-status="sent"]', { hasText: 'С полной страницы' }).waitFor();
    expect(await full.locator('.launcher').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);

  it('opens a long conversation at the newest message, with the input in view', async () => {
    t = await bed.startApp({ configYaml: config(['http://localhost:1'], { limits: HIGH_WEBCHAT_LIMITS }) });
    const browser = await bed.launchBrowser({ locale: 'en-US' });
    const page = await browser.newPage();
    await page.goto(`${t.url}/chat`);
    await page.locator('.panel header h1').waitFor();
    const token = await eventually(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const stored = await page.evaluate(() => Object.values((globalThis as any).localStorage).map((v) => JSON.parse(v as string).token).find(Boolean));
      expect(stored).toBeTruthy();
      return stored as string;
    });
    for (let i = 1; i <= 200; i++) {
      await request(t.url).post('/webchat/messages').set('X-Visitor-Token', token).send({ text: `message ${i}`, clientMessageId: `m${i}` }).expect(201);
    }
    await page.reload();
    await page.locator('.msg.in', { hasText: 'message 200' }).waitFor();
    expect(await page.locator('.msg.in').count()).toBe(200);
    await page.waitForFunction(() => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const log = (globalThis as any).document.querySelector('inbox-chat-widget').shadowRoot.querySelector('.log');
      return log.scrollHeight - log.scrollTop - log.clientHeight < 5;
    });
    expect(await page.locator('.msg.in', { hasText: 'message 200' }).isVisible()).toBe(true);
    const input = await page.locator('textarea').boundingBox();
    expect(input!.y + input!.height).toBeLessThanOrEqual(820);
  }, 120_000);
});
