import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new API token: 32 random bytes, prefixed so a leaked one is recognisable in logs and scanners. */
export function generateToken(prefix = 'sit_'): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Tokens are high-entropy, so a plain SHA-256 (no salt, no slow hash) is enough and allows lookup by hash. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameToken(a: string, b: string): boolean {
  const ha = Buffer.from(hashToken(a), 'hex');
  const hb = Buffer.from(hashToken(b), 'hex');
  return timingSafeEqual(ha, hb);
}
