import { articlePage, categoryPage, homePage, searchPage } from './help-center.page';

const article = {
  id: 7, title: 'Оплата <img src=x onerror=alert(1)>', body: '', bodyHtml: '<p>Текст</p>', plainText: 'Текст', category: 'A&B <script>', language: 'ru' as const,
  tags: [], status: 'published' as const, authorId: 1, updatedById: 1, version: 1, createdAt: '2026-11-30T10:00:00.000Z', updatedAt: '2026-11-30T10:00:00.000Z', helpUrl: '/help/articles/7',
};

describe('help center pages', () => {
  it('escapes every customer-visible string that is not the sanitised body', () => {
    const pages = [
      homePage('ru', [{ name: 'A&B <script>', count: 2 }]),
      categoryPage('ru', 'A&B <script>', [article]),
      articlePage(article),
      searchPage('en', '"><script>alert(1)</script>', [], null),
    ].join('\n');
    expect(pages).not.toContain('<script>');
    expect(pages).not.toContain('<img');
    expect(pages).toContain('A&amp;B &lt;script&gt;');
    expect(pages).toContain('<p>Текст</p>');
  });

  it('names the count in Russian and English plural forms and keeps the query in the search box', () => {
    expect(homePage('ru', [{ name: 'Оплата', count: 3 }, { name: 'Доставка', count: 5 }, { name: 'Аккаунт', count: 21 }]))
      .toEqual(expect.stringMatching(/3 статьи[\s\S]*5 статей[\s\S]*21 статья/));
    expect(homePage('en', [{ name: 'Payments', count: 1 }])).toContain('1 article<');
    expect(searchPage('ru', 'оплата картой', [], 'оплата')).toContain('value="оплата картой"');
  });
});
