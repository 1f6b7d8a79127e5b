import request from 'supertest';
import { whatsappChannelType } from '@app/channels/whatsapp';
import { browserTestBed, screenshot, signIn } from './support/browser';
import { configYaml, FAST_OUTBOX, scriptedChannel } from './support/config-yaml';
import { FakeWwebDevice } from './support/fake-wweb-client';
import { ScriptedChannel, scriptedChannelType } from './support/scripted-channel';
import { ADMIN_TOKEN, eventually, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CONFIG = configYaml({
  channels: [scriptedChannel({ name: 'Партнёрский канал', secret: 'peer-secret-1' }), { id: 'wa', type: 'whatsapp', name: 'WhatsApp продажи', connection: 'web' }],
  outbox: FAST_OUTBOX,
});

/** The agent's day on a phone and from the keyboard; ops' channels page with the WhatsApp QR code and a down channel's banner. */
describe('the web inbox: phone layout, keyboard, links, channels page', () => {
  jest.setTimeout(90_000);
  const bed = browserTestBed();
  let t: TestApp | null = null;
  let device: FakeWwebDevice;

  async function start(): Promise<TestApp> {
    device = new FakeWwebDevice();
    t = await bed.startApp({ configYaml: CONFIG, channelTypes: [scriptedChannelType(new ScriptedChannel('peer')), whatsappChannelType({ webClientFactory: device.factory })] });
    await eventually(() => expect(device.current.initialized).toBe(1));
    return t;
  }
  const write = (id: string, from: string, name: string, text: string) => request(t!.url).post('/webhooks/scripted/peer')
    .set('X-Scripted-Secret', 'peer-secret-1').set('Content-Type', 'application/json').send({ id, from, name, text }).expect(200);

  it('at 375 px the list and the conversation are two screens with a way back; links open in a new tab without referrer', async () => {
    await start();
    await write('m1', 'c1', 'Мария Соколова', 'Заказ не пришёл, трек https://track.example.com/RU123?lang=ru. Помогите');
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await signIn(page, t!.url, ADMIN_TOKEN);
    const row = page.locator('.row', { hasText: 'Мария Соколова' });
    await row.waitFor();
    await expect(page.locator('.conversation-pane').isVisible()).resolves.toBe(false);
    const header = await page.locator('header.top').boundingBox();
    expect(header!.width).toBeLessThanOrEqual(375);
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(375); // nothing sticks out sideways

    await row.click();
    await page.locator('.msg-in', { hasText: 'Заказ не пришёл' }).waitFor();
    await expect(page.locator('.list-pane').isVisible()).resolves.toBe(false);
    const box = await page.locator('textarea[name=reply]').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.width).toBeGreaterThan(300); // was 18 px
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    const send = await page.locator('.reply-box button[type=submit]').boundingBox();
    expect(send!.x + send!.width).toBeLessThanOrEqual(375);
    expect(send!.height).toBeGreaterThanOrEqual(36); // a thumb can hit it

    const link = page.locator('.msg-in .msg-text a');
    await expect(link.getAttribute('href')).resolves.toBe('https://track.example.com/RU123?lang=ru');
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toContain('noreferrer');
    await expect(page.locator('.msg-in .msg-text').textContent()).resolves.toBe('Заказ не пришёл, трек https://track.example.com/RU123?lang=ru. Помогите');
    await screenshot(page, 'phone-conversation');

    await page.getByRole('button', { name: /Обращения/ }).click();
    await row.waitFor();
    await expect(page.locator('.conversation-pane').isVisible()).resolves.toBe(false);
    await screenshot(page, 'phone-list');
  });

  it('j/k move through the list, Enter opens, a takes it, e resolves, n opens a note, ? lists the keys; nothing fires while typing', async () => {
    await start();
    await write('k1', 'c1', 'Анна', 'Первое');
    await write('k2', 'c2', 'Борис', 'Второе');
    await write('k3', 'c3', 'Вера', 'Третье');
    const ops = (await request(t!.url).get('/api/me').set(auth).expect(200)).body;
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t!.url, ADMIN_TOKEN);
    await eventually(async () => expect(await page.locator('.row').count()).toBe(3));
    const order = await Promise.all((await page.locator('.row').all()).map((r) => r.getAttribute('data-conversation-id')));

    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(page.evaluate("document.activeElement.getAttribute('data-conversation-id')")).resolves.toBe(order[1]);
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.locator(`[data-conversation="${order[1]}"]`).waitFor();

    await page.keyboard.press('a');
    await eventually(async () => expect((await request(t!.url).get(`/api/conversations/${order[1]}`).set(auth).expect(200)).body.assigneeId).toBe(ops.agentId));
    await eventually(async () => expect(await page.locator('select[name=assignee]').inputValue()).toBe(String(ops.agentId)));

    // Typing in the reply box is typing: "e" and "j" go into the text and change nothing.
    await page.keyboard.press('r');
    await expect(page.evaluate("document.activeElement.getAttribute('name')")).resolves.toBe('reply');
    await page.keyboard.type('je');
    await expect(page.locator('textarea[name=reply]').inputValue()).resolves.toBe('je');
    expect((await request(t!.url).get(`/api/conversations/${order[1]}`).set(auth).expect(200)).body.status).toBe('open');
    await page.locator('textarea[name=reply]').fill('');
    await page.keyboard.press('Escape');

    await page.keyboard.press('n');
    await expect(page.getByRole('tab', { name: 'Заметка' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Escape');

    await page.keyboard.press('e');
    await eventually(async () => expect((await request(t!.url).get(`/api/conversations/${order[1]}`).set(auth).expect(200)).body.status).toBe('resolved'));

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Горячие клавиши' });
    await help.waitFor();
    await expect(help.locator('kbd').allTextContents()).resolves.toEqual(['j', 'k', 'Enter', 'r', 'n', 'e', 'a', '/', '?', 'Escape']);
    await screenshot(page, 'keyboard-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(browser.errors).toEqual([]);
  });

  it('ops see each channel\'s live state and the WhatsApp QR code to scan; a channel that is down is a red banner on the inbox and the board', async () => {
    await start();
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t!.url, ADMIN_TOKEN);
    await expect(page.locator('.channel-alert').count()).resolves.toBe(0);

    device.current.emit('qr', '2@fake-qr-code,one');
    const banner = page.locator('.channel-alert');
    await banner.waitFor({ timeout: 5000 }); // pushed (channel.state) within about a second, long before the 10 s re-read
    await expect(banner.textContent()).resolves.toContain('WhatsApp продажи');
    await screenshot(page, 'channel-down-banner');

    await page.locator('.nav-more summary').click(); // the lead's and ops' pages are under "Ещё"
    await page.getByRole('link', { name: 'Каналы' }).click();
    const wa = page.locator('tr[data-channel=wa]');
    await wa.waitFor();
    await expect(wa.getAttribute('data-state')).resolves.toBe('qr');
    const qr = wa.locator('.qr img');
    await qr.waitFor();
    await expect(page.evaluate("document.querySelector('tr[data-channel=wa] .qr img').naturalWidth")).resolves.toBe(320);
    await expect(page.locator('tr[data-channel=peer] .state').textContent()).resolves.toBe('подключён');
    await screenshot(page, 'channels-page-qr');

    // A policy changed from the page applies and is in the policy's history.
    const form = page.locator('tr[data-scope=peer] form');
    await form.locator('input[name=firstResponse]').fill('3m');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.getByText('Сохранено').waitFor();
    const policies = (await request(t!.url).get('/api/policies').set(auth).expect(200)).body;
    expect(policies.channels.peer.firstResponse).toBe('3m');

    device.current.link();
    await eventually(async () => expect(await wa.getAttribute('data-state')).toBe('ready'), 10_000);
    await page.getByRole('link', { name: 'Табло' }).click();
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('ops set up a team on the Teams page: its line, channels, members with a lead, automatic assignment', async () => {
    await start();
    const anna = (await request(t!.url).post('/api/agents').set(auth).send({ name: 'Анна Смирнова', email: 'anna@example.com', role: 'agent' }).expect(201)).body;
    const boris = (await request(t!.url).post('/api/agents').set(auth).send({ name: 'Борис Петров', email: 'boris@example.com', role: 'agent' }).expect(201)).body;
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t!.url, ADMIN_TOKEN);
    await page.locator('.nav-more summary').click();
    await page.getByRole('link', { name: 'Команды' }).click();
    const form = page.locator('form.team-form[data-team=new]');
    await form.locator('input[name=name]').fill('Первая линия');
    await form.getByLabel('Партнёрский канал').check();
    await form.getByRole('checkbox', { name: 'Анна Смирнова' }).check();
    await form.getByRole('checkbox', { name: 'Борис Петров' }).check();
    await form.getByRole('button', { name: '★ Анна Смирнова' }).click();
    await form.getByRole('button', { name: 'Добавить команду' }).click();
    await page.locator('form.team-form h2', { hasText: 'Первая линия' }).waitFor();
    await screenshot(page, 'teams-page');
    const teams = (await request(t!.url).get('/api/teams').set(auth).expect(200)).body.items;
    expect(teams).toEqual([expect.objectContaining({ name: 'Первая линия', line: 1, channels: ['peer'], assignment: 'auto' })]);
    expect(teams[0].members).toEqual(expect.arrayContaining([{ agentId: anna.id, lead: true }, { agentId: boris.id, lead: false }]));
    expect(browser.errors).toEqual([]);
  });

  it('an agent (not ops) gets no channels page', async () => {
    await start();
    const agent = (await request(t!.url).post('/api/agents').set(auth).send({ name: 'Анна', email: 'anna@example.com', role: 'agent' }).expect(201)).body;
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t!.url, agent.token, '/channels');
    await expect(page.getByRole('link', { name: 'Каналы' }).count()).resolves.toBe(0);
    await page.locator('.inbox').waitFor();
  });
});
