import { answerConfidence, asksForPerson, feedbackOf, hasQuestion, ownText } from './bot-words.util';
import { DEFAULT_HANDOVER_WORDS } from './bot-config';

describe('bot words', () => {
  it('hears a handover word in any form and wording', () => {
    for (const text of ['оператор', 'Позовите ОПЕРАТОРА!', 'можно живого человека?', 'Operator please', 'I want to talk to an agent', 'agents?']) {
      expect(asksForPerson(text, DEFAULT_HANDOVER_WORDS)).toBe(true);
    }
    for (const text of ['не печатает принтер', 'оплата картой', 'where is my order', '']) {
      expect(asksForPerson(text, DEFAULT_HANDOVER_WORDS)).toBe(false);
    }
  });

  it('matches a configured phrase only when every word of it is there', () => {
    expect(asksForPerson('Соедините со старшим менеджером', ['старший менеджер'])).toBe(true);
    expect(asksForPerson('Менеджер сказал, что всё в порядке', ['старший менеджер'])).toBe(false);
  });

  it('reads yes and no from a short reply; a longer one is a new question', () => {
    expect(feedbackOf('Да, спасибо!')).toBe('yes');
    expect(feedbackOf('помогло')).toBe('yes');
    expect(feedbackOf('Yes, thanks')).toBe('yes');
    expect(feedbackOf('нет')).toBe('no');
    expect(feedbackOf('не помогло')).toBe('no');
    expect(feedbackOf("No, it didn't")).toBe('no');
    expect(feedbackOf('а как вернуть товар, если чек потерян?')).toBeNull();
    expect(feedbackOf('🙂')).toBeNull();
  });

  it('tells a question from a hello or an emoji', () => {
    expect(hasQuestion('не печатает принтер')).toBe(true);
    expect(hasQuestion('👍')).toBe(false);
    expect(hasQuestion('Здравствуйте!')).toBe(false);
    expect(hasQuestion('Добрый день')).toBe(false);
    expect(hasQuestion('Hello, good morning')).toBe(false);
    expect(hasQuestion('')).toBe(false);
  });

  it('is sure of an article that holds the question\'s words, more so in its title, and not of one that does not', () => {
    const printer = { title: 'Что делать, если принтер не печатает чеки', tags: ['касса'], plainText: 'Проверьте бумагу и перезапустите кассу.', language: 'ru' as const };
    expect(answerConfidence('Здравствуйте, у меня не печатает принтер чеки', printer)).toBe(1);
    expect(answerConfidence('касса не включается после обновления', printer)).toBeLessThan(0.5);
    expect(answerConfidence('привет', printer)).toBe(0);
  });

  it('reads only what the customer wrote in a reply by mail, not the bot\'s words it quotes', () => {
    expect(ownText('Да, помогло\n\n> Это помогло? Напишите «оператор».')).toBe('Да, помогло');
    expect(ownText('Нет\n\nПн, 30 нояб. 2026 г. в 10:00, ACME Support <support@acme.test> написал:\nНапишите «оператор».')).toBe('Нет');
    expect(ownText('Still broken.\nOn Mon, Nov 30, 2026 at 10:00 AM ACME <support@acme.test> wrote:\nwrite "agent"')).toBe('Still broken.');
    expect(ownText('-----Original Message-----\nfrom the bot')).toBe('');
    expect(ownText('Принтер не печатает.\nЧто делать?')).toBe('Принтер не печатает.\nЧто делать?');
  });
});
