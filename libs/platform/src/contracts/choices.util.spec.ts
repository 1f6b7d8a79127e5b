import { choiceOfReply, choicePayload, choicesAsText, pressOfPayload } from './choices.util';

const faces = [
  { id: '5', label: '🤩' }, { id: '4', label: '😀' }, { id: '3', label: '😐' }, { id: '2', label: '🙁' }, { id: '1', label: '😠' },
];

describe('choices as text', () => {
  it('numbers the choices under the question', () => {
    expect(choicesAsText('Как мы справились?', faces.slice(0, 2))).toBe('Как мы справились?\n\n1. 🤩\n2. 😀');
  });

  it('reads a reply that is just the number or just the label', () => {
    expect(choiceOfReply('1', faces)?.id).toBe('5');
    expect(choiceOfReply(' 5. ', faces)?.id).toBe('1');
    expect(choiceOfReply('2)', faces)?.id).toBe('4');
    expect(choiceOfReply('😐', faces)?.id).toBe('3');
    expect(choiceOfReply('Yes', [{ id: 'y', label: 'yes' }])?.id).toBe('y');
  });

  it('leaves anything else a message', () => {
    expect(choiceOfReply('6', faces)).toBeNull();
    expect(choiceOfReply('0', faces)).toBeNull();
    expect(choiceOfReply('1 заказ не пришёл', faces)).toBeNull();
    expect(choiceOfReply('', faces)).toBeNull();
    expect(choiceOfReply('1'.repeat(60), faces)).toBeNull();
  });
});

describe('typed choices', () => {
  const comment = [{ id: 'skip', label: 'Без комментария' }, { id: 'comment', label: 'Комментарий', typed: true }];

  it('are never drawn, and take any other reply', () => {
    expect(choicesAsText('Добавите комментарий?', comment)).toBe('Добавите комментарий?\n\n1. Без комментария');
    expect(choiceOfReply('1', comment)?.id).toBe('skip');
    expect(choiceOfReply('без комментария', comment)?.id).toBe('skip');
    expect(choiceOfReply('Оператор был вежлив, но долго искал заказ', comment)?.id).toBe('comment');
    expect(choiceOfReply('2', comment)?.id).toBe('comment');
    expect(choiceOfReply('  ', comment)).toBeNull();
  });
});

describe('choice payloads', () => {
  it('round-trips the message id and the choice id', () => {
    expect(pressOfPayload(choicePayload(1234, 'a:b'))).toEqual({ messageId: 1234, id: 'a:b' });
  });

  it('refuses what is not ours', () => {
    expect(pressOfPayload('hello')).toBeNull();
    expect(pressOfPayload('c:x:1')).toBeNull();
    expect(pressOfPayload(42)).toBeNull();
  });
});
