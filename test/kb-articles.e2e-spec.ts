import request from 'supertest';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const ops = { Authorization: `Bearer ${ADMIN_TOKEN}` };

async function newAgent(t: TestApp, email: string): Promise<{ id: number; auth: Record<string, string> }> {
  const res = await request(t.url).post('/api/agents').set(ops).send({ name: email, email, role: 'agent' }).expect(201);
  return { id: res.body.id, auth: { Authorization: `Bearer ${res.body.token}` } };
}

const printer = {
  title: 'Что делать, если принтер не печатает чеки',
  body: '1. Проверьте, что в принтере есть **бумага**.\n2. Перезапустите кассу.\n\n<script>alert(1)</script>',
  category: 'Кассы и чеки',
  language: 'ru',
  tags: ['Принтер', 'чеки', 'принтер'],
};

describe('knowledge base articles over HTTP (SQLite)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.destroy();
  });

  it('ops write an article: Markdown rendered and sanitised, a draft by default, readable by any agent', async () => {
    const created = await request(t.url).post('/api/kb/articles').set(ops).send(printer).expect(201);
    expect(created.body).toMatchObject({ title: printer.title, category: 'Кассы и чеки', language: 'ru', status: 'draft', version: 1, tags: ['принтер', 'чеки'] });
    expect(created.body.bodyHtml).toContain('<strong>бумага</strong>');
    expect(created.body.bodyHtml).not.toContain('<script');
    expect(created.body.plainText).toContain('Перезапустите кассу.');

    const reader = await newAgent(t, 'reader@example.com');
    const got = await request(t.url).get(`/api/kb/articles/${created.body.id}`).set(reader.auth).expect(200);
    expect(got.body.title).toBe(printer.title);
    const list = await request(t.url).get('/api/kb/articles').query({ status: 'draft' }).set(reader.auth).expect(200);
    expect(list.body.items.map((a: { id: number }) => a.id)).toEqual([created.body.id]);
    await request(t.url).get('/api/kb/articles').expect(401);
  });

  it('names the bad field with 400, and answers 404 for a missing article', async () => {
    const bad = await request(t.url).post('/api/kb/articles').set(ops).send({ ...printer, language: 'de' }).expect(400);
    expect(bad.body.fields).toEqual(['language']);
    const blank = await request(t.url).post('/api/kb/articles').set(ops).send({ ...printer, title: '   ' }).expect(400);
    expect(blank.body.fields).toEqual(['title']);
    const unknown = await request(t.url).post('/api/kb/articles').set(ops).send({ ...printer, author: 5 }).expect(400);
    expect(unknown.body.fields).toEqual(['author']);
    await request(t.url).patch('/api/kb/articles/999').set(ops).send({ title: 'x' }).expect(404);
    await request(t.url).get('/api/kb/articles/999').set(ops).expect(404);
    const search = await request(t.url).get('/api/kb/search').set(ops).expect(400);
    expect(search.body.fields).toEqual(['q']);
  });

  it('agents write only with the kb permission, which ops grant', async () => {
    const agent = await newAgent(t, 'writer@example.com');
    const refused = await request(t.url).post('/api/kb/articles').set(agent.auth).send(printer).expect(403);
    expect(refused.body.message).toContain('kb');
    await request(t.url).put(`/api/agents/${agent.id}/permissions`).set(agent.auth).send({ permissions: ['kb'] }).expect(403);
    const bad = await request(t.url).put(`/api/agents/${agent.id}/permissions`).set(ops).send({ permissions: ['everything'] }).expect(400);
    expect(bad.body.fields).toEqual(['permissions']);
    await request(t.url).put(`/api/agents/${agent.id}/permissions`).set(ops).send({ permissions: ['kb'] }).expect(200);

    const created = await request(t.url).post('/api/kb/articles').set(agent.auth).send(printer).expect(201);
    expect(created.body.authorId).toBe(agent.id);
    await request(t.url).patch(`/api/kb/articles/${created.body.id}`).set(agent.auth).send({ status: 'published' }).expect(200);

    await request(t.url).put(`/api/agents/${agent.id}/permissions`).set(ops).send({ permissions: [] }).expect(200);
    await request(t.url).delete(`/api/kb/articles/${created.body.id}`).set(agent.auth).expect(403);
    await request(t.url).delete(`/api/kb/articles/${created.body.id}`).set(ops).expect(204);
    await request(t.url).get(`/api/kb/articles/${created.body.id}`).set(ops).expect(404);
  });

  it('keeps every save in the history: who, when, the title, body and status before it', async () => {
    const editor = await newAgent(t, 'editor@example.com');
    await request(t.url).put(`/api/agents/${editor.id}/permissions`).set(ops).send({ permissions: ['kb'] }).expect(200);
    const created = await request(t.url).post('/api/kb/articles').set(ops).send(printer).expect(201);
    const id = created.body.id;
    await request(t.url).patch(`/api/kb/articles/${id}`).set(editor.auth).send({ title: 'Принтер не печатает чеки', status: 'published' }).expect(200);
    const updated = await request(t.url).patch(`/api/kb/articles/${id}`).set(ops).send({ body: 'Замените бумагу.' }).expect(200);
    expect(updated.body).toMatchObject({ version: 3, title: 'Принтер не печатает чеки', status: 'published', bodyHtml: '<p>Замените бумагу.</p>\n' });

    const history = await request(t.url).get(`/api/kb/articles/${id}/history`).set(editor.auth).expect(200);
    expect(history.body.items.map((r: { version: number; editor: { name: string } }) => [r.version, r.editor.name])).toEqual([
      [3, 'Administrator'], [2, 'editor@example.com'], [1, 'Administrator'],
    ]);
    expect(history.body.items[0]).toMatchObject({ previousTitle: 'Принтер не печатает чеки', previousBody: printer.body, previousStatus: 'published' });
    expect(history.body.items[1]).toMatchObject({ previousTitle: printer.title, previousBody: printer.body, previousStatus: 'draft' });
    expect(history.body.items[2]).toMatchObject({ previousTitle: null, previousBody: null });
    expect(Date.parse(history.body.items[0].editedAt)).toBeGreaterThanOrEqual(Date.parse(history.body.items[1].editedAt));
  });

  it('the help center shows published articles only, with a CSP, and keeps searches that found nothing', async () => {
    const draft = await request(t.url).post('/api/kb/articles').set(ops).send(printer).expect(201);
    const published = await request(t.url).post('/api/kb/articles').set(ops)
      .send({ title: 'Оплата банковской картой', body: 'Мы принимаем карты **Мир**, Visa и Mastercard.', category: 'Оплата', language: 'ru', status: 'published' }).expect(201);

    await request(t.url).get(`/help/api/articles/${draft.body.id}`).expect(404);
    await request(t.url).get(`/help/articles/${draft.body.id}`).expect(404);
    const article = await request(t.url).get(`/help/api/articles/${published.body.id}`).expect(200);
    expect(article.body).toEqual(expect.objectContaining({ title: 'Оплата банковской картой', url: `/help/articles/${published.body.id}` }));
    expect(article.body).not.toHaveProperty('authorId');

    const hidden = await request(t.url).get('/help/api/search').query({ q: 'принтер чеки' }).expect(200);
    expect(hidden.body.items).toEqual([]);
    const found = await request(t.url).get('/help/api/search').query({ q: 'оплаты картой' }).expect(200);
    expect(found.body.items.map((h: { id: number }) => h.id)).toEqual([published.body.id]);
    expect(found.body.items[0].titleHtml).toBe('<mark>Оплата</mark> банковской <mark>картой</mark>');

    const page = await request(t.url).get(`/help/articles/${published.body.id}`).expect(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toContain('<strong>Мир</strong>');
    const home = await request(t.url).get('/help').query({ lang: 'ru' }).expect(200);
    expect(home.text).toContain('Оплата');
    expect(home.text).not.toContain('Кассы и чеки');
    const css = await request(t.url).get('/help/help.css').expect(200);
    expect(css.headers['content-type']).toContain('text/css');

    const missed = await request(t.url).get('/api/kb/searches/missed').set(ops).expect(200);
    expect(missed.body.items).toEqual([expect.objectContaining({ query: 'принтер чеки', count: 1 })]);
    const agent = await newAgent(t, 'plain@example.com');
    await request(t.url).get('/api/kb/searches/missed').set(agent.auth).expect(403);
  });

  it('suggests articles for the customer\'s last messages and records the one an agent used', async () => {
    await request(t.url).post('/api/kb/articles').set(ops).send({ ...printer, status: 'published' }).expect(201);
    const payment = await request(t.url).post('/api/kb/articles').set(ops)
      .send({ title: 'Оплата банковской картой', body: 'Мы принимаем карты Мир, Visa и Mastercard.', category: 'Оплата', language: 'ru', status: 'published' }).expect(201);
    await request(t.url).post('/api/kb/articles').set(ops)
      .send({ title: 'Paying by card', body: 'We accept Visa and Mastercard cards.', category: 'Payment', language: 'en', status: 'published' }).expect(201);

    const sent = await (await visitor(t.url, 'visitor-kb-0001'))
      .send({ name: 'Ольга', text: 'Здравствуйте! Можно ли оплатить заказ банковской картой?', clientMessageId: 'k1' }).expect(201);
    const conversationId = sent.body.conversationId;
    const suggested = await request(t.url).get(`/api/conversations/${conversationId}/suggestions`).set(ops).expect(200);
    expect(suggested.body.language).toBe('ru');
    expect(suggested.body.items[0].article.id).toBe(payment.body.id);
    expect(suggested.body.items.every((s: { article: { language: string } }) => s.article.language === 'ru')).toBe(true);
    expect(suggested.body.items[0].snippetHtml + suggested.body.items[0].titleHtml).toContain('<mark>');

    await request(t.url).post(`/api/conversations/${conversationId}/messages`).set(ops).send({ body: 'Да, конечно' }).expect(201);
    await (await visitor(t.url, 'visitor-kb-0001'))
      .send({ text: 'И ещё: принтер не печатает чек', clientMessageId: 'k2' }).expect(201);
    const next = await request(t.url).get(`/api/conversations/${conversationId}/suggestions`).set(ops).expect(200);
    expect(next.body.items[0].article.title).toBe(printer.title);

    await request(t.url).post(`/api/kb/articles/${payment.body.id}/used`).set(ops).send({ conversationId, kind: 'link' }).expect(204);
    const badUse = await request(t.url).post(`/api/kb/articles/${payment.body.id}/used`).set(ops).send({ conversationId: 'x' }).expect(400);
    expect(badUse.body.fields).toEqual(['conversationId']);
    await request(t.url).post('/api/kb/articles/999/used').set(ops).send({ conversationId }).expect(404);
    const ds = t.app.get((await import('typeorm')).DataSource);
    expect(await ds.query('SELECT "articleId", "conversationId", kind FROM kb_article_uses')).toEqual([{ articleId: payment.body.id, conversationId, kind: 'link' }]);
    await request(t.url).get('/api/conversations/999/suggestions').set(ops).expect(404);
  });

  it('rate-limits the public search like the web chat', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 61; i++) answers.push((await request(t.url).get('/help/api/search').query({ q: `вопрос ${i}` })).status);
    expect(answers.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(answers[60]).toBe(429);
  });
});
