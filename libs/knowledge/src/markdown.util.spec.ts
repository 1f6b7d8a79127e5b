import { articlePlainText, renderArticleHtml } from './markdown.util';

describe('article markdown', () => {
  it('renders Markdown and removes anything that could run', () => {
    const html = renderArticleHtml('# Заголовок\n\n**Важно**: [ссылка](https://example.com) <script>alert(1)</script> [x](javascript:alert(1))');
    expect(html).toContain('<h1>Заголовок</h1>');
    expect(html).toContain('<strong>Важно</strong>');
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow">ссылка</a>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('href="javascript');
  });

  it('gives the plain text a reader sees', () => {
    expect(articlePlainText('# Шаг 1\n\n- **Откройте** меню\n- Нажмите «Оплата» & <b>готово</b>')).toBe('Шаг 1\nОткройте меню\nНажмите «Оплата» & <b>готово</b>');
  });
});
