import request from 'supertest';
import { browserTestBed, screenshot } from './support/browser';
import { ADMIN_TOKEN, eventually } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const PASSWORD = 'correct horse battery staple';

describe('signing in to the web inbox in a browser', () => {
  const bed = browserTestBed();

  it('first run → first account → inbox without a token; the board in a new tab without signing in again; a new agent by a one-time link', async () => {
    const t = await bed.startApp();
    const browser = await bed.launchBrowser();
    const page = await browser.newPage();
    await page.goto(`${t.url}/`);
    await expect(page.locator('h2').textContent()).resolves.toBe('Добро пожаловать! Создайте первую учётную запись');
    await screenshot(page, 'sign-in-first-run');
    await page.fill('input[name=name]', 'Ольга Петрова');
    await page.fill('input[name=email]', 'olga@example.com');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('header.top [data-live="true"]');
    await page.getByText('Здесь нет обращений.').waitFor();
    await expect(page.locator('header.top .me').textContent()).resolves.toBe('Ольга Петрова');
    expect(await page.evaluate("sessionStorage.getItem('inbox.token')")).toBeNull(); // no token anywhere in the page
    expect(await page.evaluate('document.cookie')).not.toContain('inbox_session'); // HttpOnly: scripts cannot read it
    await screenshot(page, 'sign-in-first-account-inbox');
    await request(t.url).get('/api/session').expect(200).expect((res) => expect(res.body.firstRun).toBe(false));

    // The board in a new tab: the session cookie signs it in.
    const board = await browser.context.newPage();
    await board.goto(`${t.url}/board`);
    await board.waitForSelector('header.top [data-live="true"]');
    await expect(board.locator('header.top nav a.on').textContent()).resolves.toBe('Табло');
    expect(await board.locator('input[name=password]').count()).toBe(0);
    await screenshot(board, 'sign-in-board-new-tab');

    // The ops page: a new agent with a one-time sign-in link; the built-in admin agent is no assignee.
    await page.bringToFront();
    await page.locator('.nav-more summary').click(); // the lead's and ops' pages are under "Ещё"
    await page.getByRole('link', { name: 'Агенты' }).click();
    await page.fill('input[name=agent-name]', 'Анна Смирнова');
    await page.fill('input[name=agent-email]', 'anna@example.com');
    await page.getByRole('button', { name: 'Добавить агента' }).click();
    const linkInput = page.locator('input[name=sign-in-link]');
    await linkInput.waitFor();
    const link = await linkInput.inputValue();
    expect(link).toMatch(new RegExp(`^${t.url}/#signin=sil_`));
    await page.locator('tr[data-agent="anna@example.com"]').waitFor();
    await expect(page.locator('tr[data-agent="admin@localhost"]').textContent()).resolves.toContain('INBOX_ADMIN_TOKEN');
    await screenshot(page, 'sign-in-agents-page');

    // Sign-out ends the session in every tab: the board tab is signed out as well.
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.locator('input[name=email]').waitFor();
    await board.locator('input[name=email]').waitFor({ timeout: 5000 });

    // Anna opens her link, chooses a password, and is in the inbox; the link works once.
    await page.goto(link);
    await page.locator('input[name=new-password]').waitFor();
    expect(page.url()).not.toContain('signin'); // the secret leaves the address bar at once
    await page.fill('input[name=new-password]', PASSWORD);
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
    await page.getByText('Здесь нет обращений.').waitFor();
    const chat = await (await visitor(t.url, 'visitor-signin-1')).send({ name: 'Мария', text: 'Здравствуйте!', clientMessageId: 'm1' });
    expect(chat.status).toBeLessThan(300);
    await page.locator('.row', { hasText: 'Мария' }).click();
    const assignees = await page.locator('select[name=assignee] option').allTextContents();
    expect(assignees).toEqual(expect.arrayContaining(['Анна Смирнова', 'Ольга Петрова']));
    expect(assignees).not.toContain('Administrator');
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.locator('input[name=email]').waitFor();
    await page.goto(link);
    await page.getByText('Ссылка для входа не работает (использована, истекла или неизвестна). Попросите новую.').waitFor();

    // Her password signs her in next time.
    await page.fill('input[name=email]', 'anna@example.com');
    await page.fill('input[name=password]', 'wrong password here');
    await page.click('button[type=submit]');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Неверная почта или пароль.');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('header.top [data-live="true"]');
    await eventually(async () => expect(await page.locator('header.top .me').textContent()).toBe('Анна Смирнова'));
    // The browser logs the refused requests (401 of the used link and the wrong password) itself.
    expect(browser.errors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
    await request(t.url).get('/api/me').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
  }, 120_000);
});
