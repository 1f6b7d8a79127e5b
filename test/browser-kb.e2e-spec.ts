import request from 'supertest';
import { DataSource } from 'typeorm';
import { browserTestBed, screenshot, signIn } from './support/browser';
import { ADMIN_TOKEN, eventually } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const ops = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const ARTICLES = [
  { title: 'Что делать, если принтер не печатает чеки', category: 'Кассы и чеки',
    body: '1. Проверьте, что в принтере есть **бумага**.\n2. Если принтер всё равно не печатает, перезапустите кассу.' },
  { title: 'Оплата банковской картой', category: 'Оплата', body: 'Мы принимаем карты Мир, Visa и Mastercard. Деньги списываются после подтверждения заказа.' },
  { title: 'Не приходит код подтверждения', category: 'Аккаунт', body: 'Код приходит по СМС за минуту. Проверьте номер телефона и запросите код повторно.' },
  { title: 'Доставка в пункт выдачи', category: 'Доставка', body: 'Заказ хранится в пункте выдачи семь дней. Возьмите паспорт и код получения.' },
];

describe('the knowledge base in the browser', () => {
  const bed = browserTestBed();

  it('an agent sees the article for the customer\'s question, follows new messages, and inserts the link and the text', async () => {
    const t = await bed.startApp();
    const ids: number[] = [];
    for (const a of ARTICLES) {
      ids.push((await request(t.url).post('/api/kb/articles').set(ops).send({ ...a, language: 'ru', status: 'published' }).expect(201)).body.id);
    }
    const [printerId, paymentId] = ids;
    const sent = await (await visitor(t.url, 'visitor-kb-browser'))
      .send({ name: 'Игорь', text: 'Здравствуйте, у нас принтер перестал печатать чеки', clientMessageId: 'b1' }).expect(201);
    const conversationId = sent.body.conversationId;

    const browser = await bed.launchBrowser();
    const agent = await browser.newPage();
    await signIn(agent, t.url, ADMIN_TOKEN);
    await agent.locator('.row', { hasText: 'Игорь' }).click();
    const suggestions = agent.getByRole('complementary', { name: 'Подходящие статьи' });
    const first = suggestions.locator('li').first();
    await expect(first.getAttribute('data-article', { timeout: 5000 })).resolves.toBe(String(printerId));
    await expect(first.locator('mark').first().textContent()).resolves.toMatch(/принтер/i);
    await screenshot(agent, 'kb-suggestions-printer');

    // The customer asks something else: the suggestions follow without a reload.
    await (await visitor(t.url, 'visitor-kb-browser'))
      .send({ text: 'И ещё: можно оплатить банковской картой?', clientMessageId: 'b2' }).expect(201);
    await eventually(async () => expect(await suggestions.locator('li').first().getAttribute('data-article')).toBe(String(paymentId)), 5000);

    const payment = suggestions.locator(`li[data-article="${paymentId}"]`);
    await payment.getByRole('button', { name: 'Вставить ссылку' }).click();
    await expect(agent.locator('textarea[name=reply]').inputValue()).resolves.toBe(`Оплата банковской картой: ${t.url}/help/articles/${paymentId}`);
    await payment.getByRole('button', { name: 'Вставить текст' }).click();
    const reply = await agent.locator('textarea[name=reply]').inputValue();
    expect(reply).toBe(`Оплата банковской картой: ${t.url}/help/articles/${paymentId}\nМы принимаем карты Мир, Visa и Mastercard. Деньги списываются после подтверждения заказа.`);
    await screenshot(agent, 'kb-suggestion-inserted');

    const db = t.app.get(DataSource);
    await eventually(async () => expect(await db.query('SELECT "articleId", "conversationId", kind FROM kb_article_uses ORDER BY id')).toEqual([
      { articleId: paymentId, conversationId, kind: 'link' },
      { articleId: paymentId, conversationId, kind: 'text' },
    ]));
    // The link works for the customer.
    await agent.goto(`${t.url}/help/articles/${paymentId}`);
    await expect(agent.locator('h1').textContent()).resolves.toBe('Оплата банковской картой');
    expect(browser.errors).toEqual([]);
  });

  it('the help center is searchable and readable on a 375 px wide phone', async () => {
    const t = await bed.startApp();
    for (const a of ARTICLES) await request(t.url).post('/api/kb/articles').set(ops).send({ ...a, language: 'ru', status: 'published' }).expect(201);
    await request(t.url).post('/api/kb/articles').set(ops)
      .send({ title: 'Черновик про принтер', body: 'Ещё не готово.', category: 'Кассы и чеки', language: 'ru' }).expect(201);

    const browser = await bed.launchBrowser();
    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 375, height: 740 });
    // The customer finds the help center from the chat widget.
    await phone.goto(`${t.url}/chat`);
    await expect(phone.getByRole('link', { name: 'Ответы на частые вопросы' }).getAttribute('href')).resolves.toBe('/help?lang=ru');
    await phone.goto(`${t.url}/help`);
    await phone.getByRole('link', { name: 'Кассы и чеки' }).waitFor();
    await screenshot(phone, 'help-home-375');

    await phone.getByRole('searchbox').fill('не печатает принтер');
    await phone.getByRole('button', { name: 'Найти' }).click();
    const hit = phone.locator('.results .hit').first();
    await expect(hit.locator('a').textContent()).resolves.toBe('Что делать, если принтер не печатает чеки');
    await expect(hit.locator('mark').allTextContents()).resolves.toEqual(expect.arrayContaining(['принтер', 'печатает']));
    await expect(phone.locator('.results .hit').allTextContents()).resolves.not.toEqual(expect.arrayContaining([expect.stringContaining('Черновик')]));
    const width = await phone.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(375);
    await screenshot(phone, 'help-search-375');

    await hit.locator('a').click();
    await phone.locator('article h1').waitFor();
    await expect(phone.locator('article strong').textContent()).resolves.toBe('бумага');
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(phone, 'help-article-375');

    // A misspelt search still finds the article, and one that finds nothing says so.
    await phone.goto(`${t.url}/help?q=${encodeURIComponent('принтр')}`);
    await expect(phone.locator('.results .hit a').first().textContent()).resolves.toContain('принтер');
    await phone.goto(`${t.url}/help?q=${encodeURIComponent('холодильник')}`);
    await phone.locator('.nothing').waitFor();
    expect(browser.errors).toEqual([]);
  });
});
