import { mentionedAgents } from './mention-names.util';

const agents = [
  { id: 1, name: 'Анна Смирнова', email: 'anna@example.com' },
  { id: 2, name: 'Иван Петров', email: 'ivan.p@example.com' },
  { id: 3, name: 'Иван Сидоров', email: 'sidorov@example.com' },
  { id: 4, name: 'Алёна', email: 'alena@example.com' },
];

describe('mentionedAgents', () => {
  it('finds a full name, a unique first name and an e-mail handle, ignoring case', () => {
    expect(mentionedAgents('@анна смирнова посмотри', agents)).toEqual([1]);
    expect(mentionedAgents('Передаю @Анна, спасибо', agents)).toEqual([1]);
    expect(mentionedAgents('cc @ivan.p and @SIDOROV.', agents).sort()).toEqual([2, 3]);
  });

  it('needs the whole name when the first name is shared', () => {
    expect(mentionedAgents('@Иван глянь', agents)).toEqual([]);
    expect(mentionedAgents('@Иван Сидоров глянь', agents)).toEqual([3]);
  });

  it('treats ё as е and stops at word boundaries', () => {
    expect(mentionedAgents('@Алена!', agents)).toEqual([4]);
    expect(mentionedAgents('@Анн', agents)).toEqual([]);
    expect(mentionedAgents('@Аннализа', agents)).toEqual([]);
  });

  it('ignores e-mail addresses and repeats', () => {
    expect(mentionedAgents('write to client@anna.ru', agents)).toEqual([]);
    expect(mentionedAgents('@anna @Анна @Анна Смирнова', agents)).toEqual([1]);
  });
});
