import request from 'supertest';
import { browserTestBed, screenshot, signIn } from './support/browser';
import { configYaml, quietWebchatPolicy, webchatChannel } from './support/config-yaml';
import { ADMIN_TOKEN, eventually } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const ops = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CONFIG = configYaml({ channels: [webchatChannel('Чат на сайте')], policies: quietWebchatPolicy() });

describe('canned replies and labels in the browser', () => {
  const bed = browserTestBed();

  it('/ in the reply box finds a canned reply and inserts it with the contact\'s name, twice in one message; rows show labels', async () => {
    const t = await bed.startApp({ configYaml: CONFIG });
    const anna = await request(t.url).post('/api/agents').set(ops).send({ name: 'Анна', email: 'anna@example.com', role: 'agent' }).expect(201);
    const write = (shortCode: string, title: string, body: string) =>
      request(t.url).post('/api/canned-replies').set(ops).send({ shortCode, title, body, scope: 'everyone' }).expect(201);
    await write('hello', 'Приветствие', 'Здравствуйте, {{ contact.name | default: "клиент" }}! Меня зовут {{ agent.name }}.');
    await write('dostavka', 'Сроки доставки', 'Доставка по Москве занимает 1–2 дня.');
    await write('bye', 'Прощание', 'Обращение № {{ conversation.id }} закрываем. Хорошего дня!');
    const sent = await (await visitor(t.url, 'visitor-canned-browser'))
      .send({ name: 'Ольга', text: 'Когда привезут заказ?', clientMessageId: 'c1' }).expect(201);
    const conversationId = sent.body.conversationId;
    const vip = await request(t.url).post('/api/labels').set(ops).send({ name: 'VIP', color: '#d9480f' }).expect(201);
    await request(t.url).post(`/api/conversations/${conversationId}/labels`).set(ops).send({ labelId: vip.body.id }).expect(200);

    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t.url, anna.body.token);
    const row = page.locator('.row', { hasText: 'Ольга' });
    await expect(row.locator('.label-chip').textContent()).resolves.toBe('VIP');
    await row.click();
    const box = page.locator('textarea[name=reply]');
    await box.click();
    await box.pressSequentially('/ДОСТ');
    const picker = page.getByRole('listbox');
    await eventually(async () => expect(await picker.locator('[role=option]').evaluateAll((o) => o.map((e) => e.getAttribute('data-short-code')))).toEqual(['dostavka']));
    await box.press('Backspace');
    await box.press('Backspace');
    await box.press('Backspace');
    await box.press('Backspace');
    await box.pressSequentially('hel');
    await eventually(async () => expect(await picker.locator('[role=option]').first().getAttribute('data-short-code')).toBe('hello'));
    await screenshot(page, 'canned-picker-open');
    await box.press('Enter');
    await eventually(async () => expect(await box.inputValue()).toBe('Здравствуйте, Ольга! Меня зовут Анна.'));
    await expect(picker.count()).resolves.toBe(0);

    // A second one in the same message, chosen with the mouse, goes in at the caret.
    await box.press('Shift+Enter');
    await box.pressSequentially('/bye');
    await picker.locator('[data-short-code="bye"]').click();
    const expected = `Здравствуйте, Ольга! Меня зовут Анна.\nОбращение № ${conversationId} закрываем. Хорошего дня!`;
    await eventually(async () => expect(await box.inputValue()).toBe(expected));
    await screenshot(page, 'canned-reply-inserted');

    await box.press('Enter');
    await eventually(async () => {
      const messages = (await request(t.url).get(`/api/conversations/${conversationId}/messages`).set(ops).expect(200)).body.items;
      expect(messages.at(-1)).toMatchObject({ direction: 'out', body: expected });
    });

    // The reports count the conversations per label.
    await page.getByRole('link', { name: 'Отчёты' }).click();
    await expect(page.locator('.label-counts tr[data-label="VIP"] .bar-value').textContent()).resolves.toBe('1');
    expect(browser.errors).toEqual([]);
  }, 120_000);

  it('ops manage labels and canned replies on their pages: a bad template shows its line, the preview the final text', async () => {
    const t = await bed.startApp({ configYaml: CONFIG });
    const sent = await (await visitor(t.url, 'visitor-canned-pages'))
      .send({ name: 'Пётр', text: 'Добрый день', clientMessageId: 'p1' }).expect(201);
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t.url, ADMIN_TOKEN, '/labels');

    await page.fill('input[name=label-name]', 'Возврат');
    await page.locator('.labels-page form button[type=submit]').click();
    await page.locator('.labels-page .ops-list .label-chip', { hasText: 'Возврат' }).waitFor();
    const labels = (await request(t.url).get('/api/labels').set(ops).expect(200)).body.items;
    expect(labels).toEqual([expect.objectContaining({ name: 'Возврат', color: '#3b82f6' })]);
    await screenshot(page, 'labels-page');

    await page.locator('.nav-more summary').click(); // the lead's and ops' pages are under "Ещё"
    await page.getByRole('link', { name: 'Шаблоны ответов' }).click();
    await page.locator('.canned-page .ops-toolbar button.primary').click();
    await page.fill('input[name=shortCode]', 'privet');
    await page.fill('input[name=title]', 'Приветствие');
    await page.fill('textarea[name=body]', 'Здравствуйте!\n{{ contact.name | default: "клиент" ');
    await page.locator('.canned-form button[type=submit]').click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/body: line 2: .*not closed/);

    await page.fill('textarea[name=body]', 'Здравствуйте, {{ contact.name | default: "клиент" }}!');
    await page.fill('input[name=previewConversation]', String(sent.body.conversationId));
    await page.getByRole('button', { name: 'Предпросмотр' }).click();
    await expect(page.locator('.canned-preview').textContent()).resolves.toBe('Здравствуйте, Пётр!');
    await screenshot(page, 'canned-replies-preview');
    await page.locator('.canned-form button[type=submit]').click();
    await page.locator('.canned-list li', { hasText: '/privet' }).waitFor();
    const replies = (await request(t.url).get('/api/canned-replies').set(ops).expect(200)).body.items;
    expect(replies).toEqual([expect.objectContaining({ shortCode: 'privet', scope: 'everyone' })]);
    // The failed save logged its 400 in the console; nothing else went wrong.
    expect(browser.errors.filter((e) => !e.includes('400'))).toEqual([]);
  }, 120_000);
});
