import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: the visitor's only credential, kept by the widget in localStorage. */
export function newVisitorToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A token's shape (43 base64url characters); anything else is not looked up. */
export function isVisitorTokenShape(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** What the database keeps of a token: its SHA-256 (the token has 256 bits, so no salt or slow hash is needed). */
export function hashVisitorToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The public id an anonymous visitor's contact identity gets: random, unrelated to the token. */
export function newVisitorKey(): string {
  return `v-${randomBytes(9).toString('base64url')}`;
}

/** The contact identity of a verified user of the site, the same on every browser and device. */
export const verifiedUserKey = (userId: string): string => `user:${userId}`;

/** HMAC-SHA256(secret, userId) in hex, as the site computes it for a signed-in user. */
export function identityHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/** Whether `hash` is the site's signature of `userId` (hex, any case), compared in constant time. */
export function isValidIdentityHash(secret: string, userId: string, hash: string): boolean {
  const expected = Buffer.from(identityHash(secret, userId), 'hex');
  const given = /^[0-9a-fA-F]{64}$/.test(hash) ? Buffer.from(hash, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
