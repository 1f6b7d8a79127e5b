import { incidentTerms, matchingTerms } from './incident-match.util';

describe('incident matching', () => {
  it('matches word forms of the incident\'s terms in Russian and English, not stop words', () => {
    const terms = incidentTerms('Не проходит оплата картой / card payments fail');
    expect(matchingTerms(terms, 'Здравствуйте, у меня не проходят оплаты, что делать?')).toEqual(['проход', 'оплат']);
    expect(matchingTerms(terms, 'My card payment failed twice')).toEqual(['card', 'payment', 'fail']);
    expect(matchingTerms(terms, 'Не могу войти в аккаунт')).toEqual([]);
  });

  it('drops tiny terms that would match almost anything', () => {
    expect([...incidentTerms('Баг в ЛК')]).toEqual(['баг']);
  });
});
