import { guessLanguage, highlight, indexedText, searchTerms, termOf } from './search-text.util';

describe('search text', () => {
  it('stems Russian words and drops stop words as PostgreSQL\'s russian configuration does', () => {
    expect(searchTerms('Что делать, если принтер не печатает чеки', 'ru')).toEqual(['дела', 'принтер', 'печата', 'чек']);
    expect(searchTerms('не печатает принтер', 'ru')).toEqual(['печата', 'принтер']);
    expect(searchTerms('оплаты картой', 'ru')).toEqual(searchTerms('Оплата банковской картой', 'ru').filter((t) => t !== 'банковск'));
  });

  it('sends Latin words through the English stemmer in Russian text, reads ё as е and keeps numbers', () => {
    expect(indexedText('Ёлка Telegram printing 2024', 'ru')).toBe('елк telegram print 2024');
    expect(termOf('the', 'ru')).toBeNull();
    expect(searchTerms('The printer is not printing receipts', 'en')).toEqual(['printer', 'print', 'receipt']);
  });

  it('marks the matching words in escaped text', () => {
    const html = highlight('Если <b>принтер</b> не печатает чеки, проверьте бумагу.', new Set(['принтер', 'печата']), 'ru');
    expect(html).toBe('Если &lt;b&gt;<mark>принтер</mark>&lt;/b&gt; не <mark>печатает</mark> чеки, проверьте бумагу.');
  });

  it('cuts a long text around the first match', () => {
    const text = `${'слово '.repeat(40)}принтер ${'ещё '.repeat(40)}`;
    const html = highlight(text, new Set(['принтер']), 'ru', 10);
    expect(html.startsWith('… ')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
    expect(html).toContain('<mark>принтер</mark>');
  });

  it('guesses the language from the script', () => {
    expect(guessLanguage('Не приходит чек')).toBe('ru');
    expect(guessLanguage('My order did not arrive')).toBe('en');
    expect(guessLanguage('12345 !!!')).toBeNull();
  });
});
