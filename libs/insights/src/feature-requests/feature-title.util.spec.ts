import { featureTitleKey, featureTitleScore } from './feature-title.util';

describe('feature request titles', () => {
  it('folds case, ё, punctuation and spaces into one key', () => {
    expect(featureTitleKey('  Тёмная тема —   для приложения! ')).toBe('темная тема для приложения');
    expect(featureTitleKey('Export to CSV')).toBe(featureTitleKey('export  to csv.'));
  });

  it('suggests titles sharing word stems or starting like the half-typed word, and nothing for unrelated text', () => {
    expect(featureTitleScore('тёмную тему', 'Тёмная тема')).toBeGreaterThan(0);
    expect(featureTitleScore('экспорт в ex', 'Экспорт в Excel')).toBe(3 + 2 + 1);
    expect(featureTitleScore('выгрузка в эк', 'Экспорт в Excel')).toBe(1);
    expect(featureTitleScore('оплата картой', 'Тёмная тема')).toBe(0);
    expect(featureTitleScore('', 'Тёмная тема')).toBe(0);
  });
});
