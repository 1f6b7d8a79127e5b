import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One-click links for choices in channels without buttons that can carry a link (e-mail): the token names our
 * message and the choice, signed with the server's key so nobody can forge another message's answer.
 */
export function signChoiceToken(key: Buffer, messageId: number, choiceId: string): string {
  const body = Buffer.from(`${messageId}.${choiceId}`, 'utf8').toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** The message and choice a token names, or null when it is malformed or not signed with this key. */
export function verifyChoiceToken(key: Buffer, token: string): { messageId: number; choiceId: string } | null {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(mac(key, match[1]));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const decoded = /^(\d{1,15})\.(.{1,64})$/su.exec(Buffer.from(match[1], 'base64url').toString('utf8'));
  return decoded ? { messageId: Number(decoded[1]), choiceId: decoded[2] } : null;
}

/** 128 bits of HMAC-SHA256, base64url. */
function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(`choice-link:${body}`).digest().subarray(0, 16).toString('base64url');
}
