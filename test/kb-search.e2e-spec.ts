import request from 'supertest';
import { KB_FIXTURE, KB_QUERIES } from './fixtures/kb-articles';
import { createPostgresSchema } from './support/postgres';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const ops = { Authorization: `Bearer ${ADMIN_TOKEN}` };
type Hit = { article: { title: string }; titleHtml: string; snippetHtml: string };

/** The top three titles of each query, per database, compared once both have run. */
const tops: Record<string, string[][]> = {};

describe.each(['sqlite', 'postgres'] as const)('knowledge base search on %s', (database) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (database === 'postgres') {
      const schema = await createPostgresSchema();
      databaseUrl = schema.url;
      drop = schema.drop;
    }
    t = await startTestApp({ databaseUrl });
    for (const article of KB_FIXTURE) {
      await request(t.url).post('/api/kb/articles').set(ops).send({ ...article, status: 'published' }).expect(201);
    }
    await request(t.url).post('/api/kb/articles').set(ops)
      .send({ title: 'Принтер чеков: черновик', body: 'Черновик про принтер и чеки.', category: 'Кассы и чеки', language: 'ru' }).expect(201);
  }, 60_000);
  afterAll(async () => {
    await t?.destroy();
    await drop?.();
  });

  it.each(KB_QUERIES)('«$q» finds «$top» first ($why)', async ({ q, lang, top }) => {
    const res = await request(t.url).get('/api/kb/search').query({ q, limit: 3, ...(lang ? { lang } : {}) }).set(ops).expect(200);
    const hits: Hit[] = res.body.items;
    (tops[database] ??= []).push(hits.map((h) => h.article.title));
    if (top === null) {
      expect(hits).toEqual([]);
      return;
    }
    expect(hits[0]?.article.title).toBe(top);
    // The words that matched are marked, in the title or the piece of the body shown; drafts are never found.
    expect(hits[0].titleHtml + hits[0].snippetHtml).toMatch(/<mark>[^<]+<\/mark>/);
    expect(hits.map((h) => h.article.title)).not.toContain('Принтер чеков: черновик');
  });

  it('marks the matching words of the body in the piece it shows', async () => {
    const res = await request(t.url).get('/api/kb/search').query({ q: 'принтер не печатает' }).set(ops).expect(200);
    const hit: Hit = res.body.items[0];
    expect(hit.snippetHtml).toContain('<mark>принтере</mark>');
    expect(hit.snippetHtml).toContain('<mark>печатает</mark>');
    expect(hit.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('keeps the index in step with every save: a new title is found, a draft or a removed article is not', async () => {
    const created = await request(t.url).post('/api/kb/articles').set(ops)
      .send({ title: 'Подарочные сертификаты', body: 'Сертификат действует год.', category: 'Оплата', language: 'ru', status: 'published' }).expect(201);
    const find = async (q: string) => (await request(t.url).get('/api/kb/search').query({ q }).set(ops).expect(200)).body.items
      .map((h: Hit & { article: { id: number } }) => h.article.id);
    expect(await find('сертификатом')).toEqual([created.body.id]);
    await request(t.url).patch(`/api/kb/articles/${created.body.id}`).set(ops).send({ title: 'Подарочные карты', body: 'Карта действует год.' }).expect(200);
    expect(await find('сертификат')).toEqual([]);
    expect(await find('подарочную')).toEqual([created.body.id]);
    await request(t.url).patch(`/api/kb/articles/${created.body.id}`).set(ops).send({ status: 'draft' }).expect(200);
    expect(await find('подарочную')).toEqual([]);
    await request(t.url).patch(`/api/kb/articles/${created.body.id}`).set(ops).send({ status: 'published' }).expect(200);
    await request(t.url).delete(`/api/kb/articles/${created.body.id}`).set(ops).expect(204);
    expect(await find('подарочную')).toEqual([]);
  });

  it('suggests the article for a customer\'s message, quotes and dashes included', async () => {
    const sent = await (await visitor(t.url, `visitor-${database}-kb`))
      .send({ text: 'Добрый день! Принтер "не печатает" чеки - что делать?', clientMessageId: 's1' }).expect(201);
    const res = await request(t.url).get(`/api/conversations/${sent.body.conversationId}/suggestions`).set(ops).expect(200);
    expect(res.body.language).toBe('ru');
    expect(res.body.items[0].article.title).toBe('Что делать, если принтер не печатает чеки');
  });

  it('says which words a corrected query searched for', async () => {
    const res = await request(t.url).get('/api/kb/search').query({ q: 'принтр' }).set(ops).expect(200);
    expect(res.body.correctedQuery).toBe('принтер');
  });
});

describe('knowledge base search on both databases', () => {
  it('ranks the same top three articles for every query', () => {
    expect(tops.sqlite).toHaveLength(KB_QUERIES.length);
    expect(tops.postgres).toEqual(tops.sqlite);
  });
});
