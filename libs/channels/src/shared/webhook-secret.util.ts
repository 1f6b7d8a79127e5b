import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares the X-Telegram-Bot-Api-Secret-Token header with the configured secret in constant time.
 * Both sides are hashed first so that neither the length nor any prefix of the secret leaks.
 */
export function secretTokenMatches(header: string | string[] | undefined, secret: string | undefined): boolean {
  const given = Array.isArray(header) ? header[0] : header;
  if (!given || !secret) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(secret));
}
