import request from 'supertest';
import { adminAuth, createAgent, visitorWrites } from './support/agents';
import { browserTestBed, screenshot, signIn } from './support/browser';
import { eventually } from './support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Records every notification the page shows (the real ones are shown too), so the test can read them. */
const RECORD_NOTIFICATIONS = `
  (() => {
    const Real = window.Notification;
    if (!Real) return;
    window.__notifications = [];
    window.Notification = class extends Real {
      constructor(title, options) {
        window.__notifications.push({ title, body: options && options.body });
        super(title, options);
      }
    };
  })();
`;

describe('the web inbox: notifications, unread counts and bulk selection in a browser', () => {
  const bed = browserTestBed();

  it('notifies an agent who opted in (permission granted), counts unread in the tab title, reminds, snoozes, and acts on a shift-click selection', async () => {
    const t = await bed.startApp();
    const anna = await createAgent(t.url, 'Анна Смирнова', 'anna@example.com');
    const boris = await createAgent(t.url, 'Борис Котов', 'boris@example.com');
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(await visitorWrites(t.url, `browser-attention-${i}`, `Вопрос номер ${i}`, '1'));

    const browser = await bed.launchBrowser();
    await browser.context.grantPermissions(['notifications'], { origin: t.url });
    await browser.context.addInitScript(RECORD_NOTIFICATIONS);
    const page = await browser.newPage();
    await signIn(page, t.url, anna.token);
    await page.locator('.row').first().waitFor();

    // Opt in: the permission is already granted to this origin, so turning it on needs no prompt.
    const toggle = page.locator('input[name=notifications]');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await eventually(async () => expect(await toggle.getAttribute('data-permission')).toBe('granted'));
    expect(await toggle.isChecked()).toBe(true);
    await page.locator('input[name=sound]').click();
    const notifications = async () => ((await page.evaluate('window.__notifications')) as Array<{ title: string }>).map((n) => n.title);

    // A conversation assigned to Anna, then a customer message in it, then a mention by Boris.
    await request(t.url).post(`/api/conversations/${ids[0]}/assign`).set(adminAuth).send({ agentId: anna.id }).expect(200);
    await eventually(async () => expect(await notifications()).toContain(`Обращение №${ids[0]} назначено вам`));
    await visitorWrites(t.url, 'browser-attention-0', 'Есть новости?', '2');
    await eventually(async () => expect(await notifications()).toContain(`Новое сообщение в обращении №${ids[0]}`));
    await request(t.url).post(`/api/conversations/${ids[1]}/messages`).set(bearer(boris.token)).send({ kind: 'note', body: '@Анна глянь, пожалуйста' }).expect(201);
    await eventually(async () => expect(await notifications()).toContain(`Вас упомянули в обращении №${ids[1]}`));
    expect(await page.evaluate('document.documentElement.dataset.lastSound')).toBeTruthy(); // the chime played

    // Unread: two customer messages wait for Anna in the first conversation, in its row and the tab's title.
    const firstRow = page.locator(`li:has([data-conversation-id="${ids[0]}"])`);
    await eventually(async () => expect(await firstRow.locator('.unread').textContent()).toBe('2'));
    await eventually(async () => expect(await page.title()).toBe('(2) Входящие поддержки'));
    await page.locator('.mentions summary').click();
    await page.locator('.mentions li', { hasText: 'глянь' }).waitFor();
    await screenshot(page, 'attention-unread-and-mentions');
    await firstRow.locator('.row').click();
    await eventually(async () => expect(await firstRow.locator('.unread').count()).toBe(0));
    await eventually(async () => expect(await page.title()).toBe('Входящие поддержки'));

    // From the open conversation: a note with a reminder (listed under Reminders), then a snooze preset.
    await page.getByRole('tab', { name: 'Заметка' }).click();
    await page.fill('textarea[name=reply]', 'Перезвонить клиенту');
    const inAnHour = new Date(Date.now() + 3_600_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16); // local wall time
    await page.fill('input[name=remindAt]', inAnHour);
    await page.press('textarea[name=reply]', 'Enter');
    await page.locator('.msg-note', { hasText: 'Перезвонить клиенту' }).waitFor();
    await page.locator('.reminders summary').click();
    await page.locator('.reminders li.upcoming', { hasText: 'Перезвонить клиенту' }).waitFor();
    const reminders = (await request(t.url).get('/api/reminders').set(bearer(anna.token)).expect(200)).body.items;
    expect(reminders).toEqual([expect.objectContaining({ conversationId: ids[0], agentId: anna.id, firedAt: null })]);
    await page.selectOption('select[name=snooze]', 'hour');
    await page.locator('.snoozed-until').waitFor();
    const snoozedOne = (await request(t.url).get(`/api/conversations/${ids[0]}`).set(adminAuth).expect(200)).body;
    expect(snoozedOne.status).toBe('snoozed');
    expect(Math.abs(new Date(snoozedOne.snoozedUntil).getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);

    // Bulk: a click on one row's box, a shift-click on another selects the rows between; one request assigns them.
    const order = await page.locator('[data-row-check]').evaluateAll((boxes) => boxes.map((b) => Number(b.getAttribute('data-row-check'))));
    expect(order).toHaveLength(4);
    await page.locator(`[data-row-check="${order[0]}"]`).click();
    await page.locator(`[data-row-check="${order[2]}"]`).click({ modifiers: ['Shift'] });
    await page.getByText('Выбрано: 3').waitFor();
    // The rows as they stand now (a live update, such as the snooze above, may have moved them since `order` was read).
    const selected = await page.locator('[data-row-check][aria-checked=true]').evaluateAll((boxes) => boxes.map((b) => Number(b.getAttribute('data-row-check'))));
    expect(selected).toHaveLength(3);
    await page.selectOption('select[name=bulk-assign]', String(boris.id));
    await page.locator('.bulk-result', { hasText: 'Изменено: 3' }).waitFor();
    for (const id of selected) {
      expect((await request(t.url).get(`/api/conversations/${id}`).set(adminAuth).expect(200)).body.assigneeId).toBe(boris.id);
    }
    const unselected = order.filter((id) => !selected.includes(id));
    expect(unselected).toHaveLength(1);
    expect((await request(t.url).get(`/api/conversations/${unselected[0]}`).set(adminAuth).expect(200)).body.assigneeId).not.toBe(boris.id);

    // Select all on the page, then snooze them all until tomorrow 9:00.
    await page.locator('input[name=select-all]').click();
    await page.getByText('Выбрано: 4').waitFor();
    await page.selectOption('select[name=bulk-status]', 'snooze:tomorrow');
    await page.locator('.bulk-result', { hasText: 'Изменено: 4' }).waitFor();
    const snoozed = (await request(t.url).get('/api/conversations?status=snoozed').set(adminAuth).expect(200)).body.items;
    expect(snoozed).toHaveLength(4);
    expect(new Date(snoozed[0].snoozedUntil).getTime()).toBeGreaterThan(Date.now());
    await screenshot(page, 'attention-bulk-snoozed');
    expect(browser.errors).toEqual([]);
  }, 150_000);

  it('shows "is typing…" both ways between the web chat and the inbox', async () => {
    const t = await bed.startApp();
    const anna = await createAgent(t.url, 'Анна Смирнова', 'anna@example.com');
    const browser = await bed.launchBrowser();
    const customer = await browser.newPage();
    await customer.goto(`${t.url}/chat`);
    const input = customer.locator('textarea');
    await input.fill('Здравствуйте, вопрос по доставке');
    await input.press('Enter');
    await customer.locator('.msg.in[data-status="sent"]', { hasText: 'вопрос по доставке' }).waitFor();
    const agent = await browser.newPage();
    await signIn(agent, t.url, anna.token);
    await agent.locator('.row', { hasText: 'вопрос по доставке' }).click();
    await agent.locator('.msg-in', { hasText: 'вопрос по доставке' }).waitFor();

    await customer.bringToFront();
    // The widget signals at most once every 2 s: the visitor goes on typing (as a person does) while the agent looks.
    const typed = input.pressSequentially('А можно привезти завтра утром?', { delay: 150 });
    await agent.locator('.typing', { hasText: 'Посетитель печатает…' }).waitFor({ timeout: 8000 });
    await typed;

    await agent.bringToFront();
    await agent.type('textarea[name=reply]', 'Да, конечно', { delay: 20 });
    await customer.locator('.typing', { hasText: 'Анна Смирнова печатает…' }).waitFor({ timeout: 5000 });
    await agent.press('textarea[name=reply]', 'Enter');
    await customer.locator('.msg.out', { hasText: 'Да, конечно' }).waitFor({ timeout: 5000 });
    expect(await customer.locator('.typing').textContent()).toBe(''); // the reply came: no longer typing
    await screenshot(agent, 'attention-typing-agent');
    expect(browser.errors).toEqual([]);
  }, 90_000);

  it('lists the agent\'s pending reminders in the conversation, moves one and cancels another', async () => {
    const t = await bed.startApp();
    const anna = await createAgent(t.url, 'Анна Смирнова', 'anna@example.com');
    const id = await visitorWrites(t.url, 'browser-reminders', 'Верните деньги', '1');
    const inHours = (h: number) => new Date(Date.now() + h * 3_600_000);
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await signIn(page, t.url, anna.token, `/?c=${id}`);
    await page.waitForSelector(`.conversation[data-conversation="${id}"]`);
    expect(await page.locator('.conv-reminders').count()).toBe(0);

    // Notes with reminders, one written elsewhere (the API): the open conversation shows both.
    for (const [body, hours] of [['Позвонить в банк', 2], ['Проверить возврат', 3]] as const) {
      await request(t.url).post(`/api/conversations/${id}/messages`).set(bearer(anna.token)).send({ kind: 'note', body, remindAt: inHours(hours).toISOString() }).expect(201);
    }
    await page.waitForSelector('.conv-reminders li:nth-child(2)');
    const [call, check] = (await request(t.url).get(`/api/conversations/${id}/reminders`).set(bearer(anna.token)).expect(200)).body.items;

    // Moved through its time field (local time, to the minute).
    const target = inHours(26);
    target.setSeconds(0, 0);
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = `${target.getFullYear()}-${pad(target.getMonth() + 1)}-${pad(target.getDate())}T${pad(target.getHours())}:${pad(target.getMinutes())}`;
    await page.fill(`[data-reminder="${call.id}"] input[type=datetime-local]`, local);
    await eventually(async () => {
      const items = (await request(t.url).get(`/api/conversations/${id}/reminders`).set(bearer(anna.token)).expect(200)).body.items;
      expect(items.map((r: { id: number; remindAt: string }) => [r.id, r.remindAt])).toEqual([[check.id, check.remindAt], [call.id, target.toISOString()]]);
    });
    await screenshot(page, 'conversation-reminders');

    await page.click(`[data-reminder="${check.id}"] button.cancel-reminder`);
    await page.waitForSelector(`[data-reminder="${check.id}"]`, { state: 'detached' });
    expect((await request(t.url).get(`/api/conversations/${id}/reminders`).set(bearer(anna.token)).expect(200)).body.items.map((r: { id: number }) => r.id)).toEqual([call.id]);
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
