import request from 'supertest';
import { closeAll, launchBrowser, screenshot, signIn, TestBrowser } from './support/browser';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const WEBCHAT_ASKING_NAME = `
channels:
  - id: webchat
    type: webchat
    name: Web chat
    preChat: { name: optional }
`;

describe('the web inbox in a browser: web chat to agent and back', () => {
  let t: TestApp | null = null;
  let browser: TestBrowser | null = null;
  afterEach(() => closeAll(browser, t));

  it('shows a visitor\'s message in the agent\'s list within a second without reload; the answer reaches the visitor', async () => {
    t = await startTestApp({ configYaml: WEBCHAT_ASKING_NAME });
    const anna = (await request(t.url).post('/api/agents').set(auth).send({ name: 'Анна Смирнова', email: 'anna@example.com', role: 'agent' }).expect(201)).body;
    browser = await launchBrowser();
    const agent = await browser.newPage();
    await signIn(agent, t.url, anna.token);
    await agent.getByText('Здесь нет обращений.').waitFor(); // Russian browser: Russian interface
    await agent.evaluate('window.sameDocument = true');

    // The customer's page: the widget full-page, asking for a name before the chat (the channel's pre-chat form).
    const visitor = await browser.newPage();
    await visitor.goto(`${t.url}/chat`);
    await visitor.fill('form.prechat input[name=name]', 'Мария Соколова');
    await visitor.locator('form.prechat button[type=submit]').click();
    await visitor.fill('textarea', 'Здравствуйте! Не приходит код подтверждения на телефон');
    const sentAt = Date.now();
    await visitor.press('textarea', 'Enter');

    const row = agent.locator('.row', { hasText: 'Мария Соколова' });
    await agent.bringToFront(); // the agent looks at the inbox (a background tab would barely paint)
    await row.waitFor({ timeout: 1000 });
    expect(Date.now() - sentAt).toBeLessThan(1000);
    await expect(row.locator('.row-preview').textContent()).resolves.toBe('Здравствуйте! Не приходит код подтверждения на телефон');
    await expect(row.locator('[data-channel-type]').getAttribute('data-channel-type')).resolves.toBe('webchat');
    await expect(row.locator('.countdown').getAttribute('data-urgency')).resolves.toBe('ok'); // 5 minutes to answer
    expect(await agent.evaluate('window.sameDocument')).toBe(true); // no reload

    // The agent opens it, takes it, answers with Enter and adds a note the customer never sees.
    await row.click();
    await agent.locator('.msg-in', { hasText: 'Не приходит код' }).waitFor();
    await agent.getByRole('button', { name: 'Взять себе' }).click();
    await eventually(async () => expect(await agent.locator('select[name=assignee]').inputValue()).toBe(String(anna.id)));
    await agent.fill('textarea[name=reply]', 'Здравствуйте, Мария! Проверяем, одну минуту.');
    await agent.press('textarea[name=reply]', 'Enter');
    await visitor.locator('.msg.out', { hasText: 'Проверяем, одну минуту.' }).waitFor({ timeout: 5000 });
    await agent.locator('.msg-out [data-delivery=delivered]').waitFor({ timeout: 5000 });

    await agent.getByRole('tab', { name: 'Заметка' }).click();
    await agent.fill('textarea[name=reply]', 'Клиентка из Казани, код уходит через резервного провайдера');
    await agent.press('textarea[name=reply]', 'Enter');
    await agent.locator('.msg-note', { hasText: 'резервного провайдера' }).waitFor();
    await expect(agent.locator('.msg-note .note-label').textContent()).resolves.toBe('Внутренняя заметка');

    // The visitor writes again: it arrives live in the open conversation, and the list shows the new text.
    await visitor.fill('textarea', 'Спасибо, жду');
    await visitor.press('textarea', 'Enter');
    await agent.locator('.msg-in', { hasText: 'Спасибо, жду' }).waitFor({ timeout: 1000 });
    await agent.locator('.row .row-preview', { hasText: 'Спасибо, жду' }).waitFor({ timeout: 1000 });
    await expect(agent.locator('.countdown.large').getAttribute('data-urgency')).resolves.toBe('ok');
    await screenshot(agent, 'inbox-agent-answered');
    await screenshot(visitor, 'inbox-visitor-chat');

    const visitorSees = await visitor.locator('.msg').allTextContents();
    expect(visitorSees).not.toContain('Клиентка из Казани, код уходит через резервного провайдера');
    const conversationId = Number(await agent.locator('[data-conversation]').getAttribute('data-conversation'));
    const stored = (await request(t.url).get(`/api/conversations/${conversationId}`).set(auth).expect(200)).body;
    expect(stored).toMatchObject({ assigneeId: anna.id, awaitingReply: true });

    // Search (names, subjects, text), then filters: "mine" keeps it, "unassigned" does not; resolving drops it.
    await agent.fill('input[type=search]', 'код подтверждения');
    await eventually(async () => expect(await agent.locator('.row').count()).toBe(1));
    await agent.fill('input[type=search]', 'нет такого текста');
    await agent.getByText('Здесь нет обращений.').waitFor();
    await agent.fill('input[type=search]', '');
    await agent.locator('.row', { hasText: 'Мария Соколова' }).waitFor();
    await agent.getByRole('button', { name: 'Неназначенные' }).click();
    await agent.getByText('Здесь нет обращений.').waitFor();
    await agent.getByRole('button', { name: 'Мои' }).click();
    await agent.locator('.row', { hasText: 'Мария Соколова' }).waitFor();
    await agent.selectOption('select[name=status]', 'resolved');
    await agent.getByText('Здесь нет обращений.').waitFor();

    // English on request; sign-out forgets the token and shows the e-mail and password form.
    await agent.getByRole('button', { name: 'EN' }).click();
    await agent.getByRole('button', { name: 'Sign out' }).click();
    await agent.locator('input[name=email]').waitFor();
    expect(await agent.evaluate("sessionStorage.getItem('inbox.token')")).toBeNull();
    await agent.reload();
    await expect(agent.locator('h2').textContent()).resolves.toBe('Sign in');
    expect(browser.errors).toEqual([]);
  });

  it('refuses a wrong token, keeps a good one for the browser tab, and answers / plainly when the bundle is served', async () => {
    t = await startTestApp();
    browser = await launchBrowser({ locale: 'en-US' });
    const page = await browser.newPage();
    await page.goto(`${t.url}/`);
    await page.click('[data-use-token]');
    await page.fill('input[name=token]', 'not-a-token');
    await page.click('button[type=submit]');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('This token is not valid.');
    // The browser logs the refused request (401) itself, as a console message that may come after the alert shows.
    // Only that one: a wrong token has no cookie session to end on the server.
    const { errors } = browser;
    await eventually(() => expect(errors).toEqual([expect.stringContaining('status of 401')]));
    errors.splice(0);
    await screenshot(page, 'sign-in-refused');

    await signIn(page, t.url, ADMIN_TOKEN);
    await page.reload();
    await page.waitForSelector('header.top [data-live="true"]');
    await expect(page.locator('header.top nav a.on').textContent()).resolves.toBe('Inbox');

    const index = await request(t.url).get('/board').expect(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.text).toContain('<div id="app">');
    await request(t.url).get('/api/conversations').expect(401); // the API stays as it was
    await request(t.url).get('/chat').expect(200);
    expect(browser.errors).toEqual([]);
  });
});
