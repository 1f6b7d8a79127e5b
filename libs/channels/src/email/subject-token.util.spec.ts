import { baseSubject, replySubject, subjectToken } from './subject-token.util';

describe('subjectToken', () => {
  it('reads the conversation id from [#123]', () => {
    expect(subjectToken('Re: Order missing [#123]')).toBe(123);
    expect(subjectToken('[#7] hello')).toBe(7);
    expect(subjectToken('Fwd: Re: a [#5] b [#9]')).toBe(9);
  });

  it('ignores subjects without a token or with a malformed one', () => {
    expect(subjectToken('Order #123')).toBeNull();
    expect(subjectToken('[123]')).toBeNull();
    expect(subjectToken('[#abc]')).toBeNull();
    expect(subjectToken('[#0]')).toBeNull();
    expect(subjectToken(null)).toBeNull();
    expect(subjectToken('[#12345678901]')).toBeNull();
  });
});

describe('replySubject', () => {
  it('adds Re: and the token once', () => {
    expect(replySubject('Order missing', 42)).toBe('Re: Order missing [#42]');
    expect(replySubject('Re: Order missing', 42)).toBe('Re: Order missing [#42]');
    expect(replySubject('RE: re:  AW: Order missing [#42]', 42)).toBe('Re: Order missing [#42]');
    expect(replySubject('Re[2]: Ответ: Заказ', 3)).toBe('Re: Заказ [#3]');
  });

  it('replaces a stale token and keeps Fwd:', () => {
    expect(replySubject('Fwd: invoice [#7]', 8)).toBe('Re: Fwd: invoice [#8]');
  });

  it('names an empty subject', () => {
    expect(replySubject(null, 1)).toBe('Re: Your request [#1]');
    expect(replySubject('  Re:  ', 1)).toBe('Re: Your request [#1]');
  });

  it('keeps words that merely start like a prefix', () => {
    expect(baseSubject('Refund please')).toBe('Refund please');
    expect(baseSubject('Sv: Svar')).toBe('Svar');
  });
});
