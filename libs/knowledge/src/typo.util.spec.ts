import { correctQuery, editDistance } from './typo.util';

describe('typo tolerance', () => {
  it('counts insertions, deletions, substitutions and swaps', () => {
    expect(editDistance('принтр', 'принтер', 2)).toBe(1);
    expect(editDistance('pasword', 'password', 2)).toBe(1);
    expect(editDistance('reciept', 'receipt', 2)).toBe(1);
    expect(editDistance('кот', 'собака', 2)).toBe(3);
  });

  it('replaces unknown words with the closest vocabulary word and leaves known and short ones', () => {
    const vocabulary = new Map([['принтер', 2], ['печатает', 1], ['оплата', 3], ['оплаты', 1]]);
    expect(correctQuery('принтр печатат', vocabulary, () => false)).toBe('принтер печатает');
    expect(correctQuery('оплта', vocabulary, () => false)).toBe('оплата');
    expect(correctQuery('не принтер', vocabulary, () => false)).toBeNull();
    expect(correctQuery('холодильник', vocabulary, () => false)).toBeNull();
    expect(correctQuery('принтеры', vocabulary, (w) => w === 'принтеры')).toBeNull();
  });
});
