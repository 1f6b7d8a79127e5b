import { customerLanguage, textInLanguage } from './customer-language.util';

describe('customerLanguage', () => {
  it.each([
    ['ru-RU', 'ru'], ['en_US', 'en'], ['RU', 'ru'], ['en-GB,en;q=0.9', 'en'], [' ru ', 'ru'],
    ['de-DE', null], ['uk', null], ['', null], [null, null], [undefined, null],
  ])('%p → %p', (tag, expected) => {
    expect(customerLanguage(tag)).toBe(expected);
  });
});

describe('textInLanguage', () => {
  const greeting = { ru: 'Здравствуйте!', en: 'Hello!' };

  it('picks the customer\'s language', () => {
    expect(textInLanguage(greeting, 'en-US')).toBe('Hello!');
    expect(textInLanguage(greeting, 'ru')).toBe('Здравствуйте!');
  });

  it('falls back to the channel\'s default, then to whatever text exists', () => {
    expect(textInLanguage(greeting, 'de', 'en')).toBe('Hello!');
    expect(textInLanguage(greeting, null)).toBe('Здравствуйте!');
    expect(textInLanguage({ en: 'Only English' }, 'ru')).toBe('Only English');
    expect(textInLanguage({}, 'ru')).toBe('');
  });

  it('uses a plain text for everyone', () => {
    expect(textInLanguage('Привет / Hi', 'en')).toBe('Привет / Hi');
  });
});
