import { articleAnswer, excerpt, transcriptNote } from './bot-message.util';

describe('bot messages', () => {
  it('cuts a long text at a sentence end, or a word with an ellipsis', () => {
    expect(excerpt('Короткий текст.')).toBe('Короткий текст.');
    expect(excerpt('Первое предложение здесь. Второе предложение длиннее остальных.', 40)).toBe('Первое предложение здесь.');
    expect(excerpt('одно длинное предложение без точки до самого конца строки', 30)).toBe('одно длинное предложение без…');
  });

  it('answers with the title, the start of the text and the link', () => {
    expect(articleAnswer({ title: 'Оплата картой', plainText: 'Принимаем Visa и «Мир».' }, 'https://s.example/help/articles/3', 'ru'))
      .toBe('Оплата картой\n\nПринимаем Visa и «Мир».\n\nПодробнее: https://s.example/help/articles/3');
  });

  it('writes the transcript for the agent: why, then who said what, notes left out', () => {
    const note = transcriptNote([
      { direction: 'in', body: 'Как оплатить\nкартой?', automatic: false },
      { direction: 'out', body: 'Оплата картой …', automatic: true },
      { direction: 'note', body: 'internal', automatic: false },
      { direction: 'in', body: 'оператор', automatic: false },
    ], 'word', 'ru');
    expect(note).toBe('🤖 Бот передал разговор: клиент попросил человека. Разговор с ботом:\nКлиент: Как оплатить картой?\nБот: Оплата картой …\nКлиент: оператор');
  });
});
