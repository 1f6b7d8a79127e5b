import { foldForSearch, likePattern, matchRank, queryWords, searchTextOf } from './canned-search.util';

describe('canned reply search', () => {
  it('folds Russian and English case, ё and spacing', () => {
    expect(foldForSearch('  Возврат  ЁЛКИ\nRefund ')).toBe('возврат елки refund');
    expect(searchTextOf({ shortCode: 'Refund', title: 'Возврат денег', body: 'Деньги вернутся' })).toBe('refund возврат денег деньги вернутся');
  });

  it('reads the words of a query, without the slash typed in the reply box', () => {
    expect(queryWords('/Доставка  Сроки')).toEqual(['доставка', 'сроки']);
    expect(queryWords('   ')).toEqual([]);
  });

  it('ranks short-code hits before title hits before body hits', () => {
    expect(matchRank({ shortCode: 'refund', title: 'x' }, ['refund'])).toBe(0);
    expect(matchRank({ shortCode: 'refund-card', title: 'x' }, ['refund'])).toBe(1);
    expect(matchRank({ shortCode: 'money', title: 'Refund by card' }, ['refund'])).toBe(2);
    expect(matchRank({ shortCode: 'money', title: 'Деньги' }, ['refund'])).toBe(3);
  });

  it('escapes LIKE wildcards', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
