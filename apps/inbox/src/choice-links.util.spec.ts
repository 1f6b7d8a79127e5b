import { randomBytes } from 'node:crypto';
import { signChoiceToken, verifyChoiceToken } from './choice-links.util';

describe('choice link tokens', () => {
  const key = randomBytes(32);

  it('names the message and the choice it was signed for', () => {
    expect(verifyChoiceToken(key, signChoiceToken(key, 1234, '5'))).toEqual({ messageId: 1234, choiceId: '5' });
  });

  it('refuses a token signed with another key, altered, or malformed', () => {
    const token = signChoiceToken(key, 1234, '5');
    expect(verifyChoiceToken(randomBytes(32), token)).toBeNull();
    const forged = `${Buffer.from('1235.5').toString('base64url')}.${token.split('.')[1]}`;
    expect(verifyChoiceToken(key, forged)).toBeNull();
    expect(verifyChoiceToken(key, 'nonsense')).toBeNull();
    expect(verifyChoiceToken(key, '')).toBeNull();
  });
});
