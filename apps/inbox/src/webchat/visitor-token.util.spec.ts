import { createHmac } from 'node:crypto';
import { hashVisitorToken, identityHash, isValidIdentityHash, isVisitorTokenShape, newVisitorKey, newVisitorToken } from './visitor-token.util';

describe('visitor tokens', () => {
  it('are 256 random bits, never repeated, and stored as a hash that does not contain them', () => {
    const tokens = new Set(Array.from({ length: 100 }, newVisitorToken));
    expect(tokens.size).toBe(100);
    const token = [...tokens][0];
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isVisitorTokenShape(token)).toBe(true);
    expect(hashVisitorToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashVisitorToken(token)).not.toContain(token);
    expect(hashVisitorToken(token)).toBe(hashVisitorToken(token));
  });

  it('refuses what is not a token before any lookup', () => {
    expect(isVisitorTokenShape('visitor-abc-123')).toBe(false);
    expect(isVisitorTokenShape(undefined)).toBe(false);
    expect(isVisitorTokenShape('a'.repeat(44))).toBe(false);
  });

  it('gives visitors a public key unrelated to the token', () => {
    expect(newVisitorKey()).toMatch(/^v-[A-Za-z0-9_-]{12}$/);
  });
});

describe('identity verification', () => {
  const secret = 'site-secret-0123456789';

  it('accepts the site\'s HMAC-SHA256 of the user id, in either case', () => {
    const hash = createHmac('sha256', secret).update('user-42').digest('hex');
    expect(identityHash(secret, 'user-42')).toBe(hash);
    expect(isValidIdentityHash(secret, 'user-42', hash)).toBe(true);
    expect(isValidIdentityHash(secret, 'user-42', hash.toUpperCase())).toBe(true);
  });

  it('refuses another user\'s hash, another secret\'s, and garbage', () => {
    expect(isValidIdentityHash(secret, 'user-43', identityHash(secret, 'user-42'))).toBe(false);
    expect(isValidIdentityHash(secret, 'user-42', identityHash('other-secret-0123456', 'user-42'))).toBe(false);
    expect(isValidIdentityHash(secret, 'user-42', 'nope')).toBe(false);
    expect(isValidIdentityHash(secret, 'user-42', '')).toBe(false);
  });
});
