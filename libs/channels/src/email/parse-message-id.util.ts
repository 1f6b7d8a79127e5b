import { createHash } from 'node:crypto';

/** Longer ids are stored as a hash: the externalId column holds 255 characters. */
const MAX_ID_LENGTH = 250;

/**
 * A Message-ID as we store and compare it: trimmed, without the angle brackets and whitespace.
 * Case is kept (the local part is case-sensitive). Returns null for nothing usable.
 */
export function normaliseMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  let id = value.trim();
  const bracketed = /<([^<>]*)>/.exec(id);
  if (bracketed) id = bracketed[1];
  id = id.replace(/\s+/g, '');
  if (!id) return null;
  if (id.length > MAX_ID_LENGTH) return `sha256-${createHash('sha256').update(id).digest('hex')}@long-id.invalid`;
  return id;
}

/**
 * Every Message-ID named by In-Reply-To / References values (a string, a list, or several of them), normalised,
 * in order, without repeats. Ids are taken from `<…>`; a value without brackets is split on white space; only
 * tokens that look like ids (contain `@`) are kept.
 */
export function parseMessageIdList(...values: Array<string | string[] | null | undefined>): string[] {
  const ids: string[] = [];
  for (const value of values.flat()) {
    if (!value) continue;
    const bracketed = value.match(/<[^<>]+>/g);
    const tokens = bracketed ?? value.split(/[\s,]+/);
    for (const token of tokens.filter((t) => t.includes('@'))) {
      const id = normaliseMessageId(token);
      if (id && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** The header form of a stored id. */
export function formatMessageId(id: string): string {
  return `<${id}>`;
}

/**
 * Our Message-ID for one outbound message, derived from it rather than random: if the process dies after the
 * SMTP server accepted the mail but before it was marked sent, the retry carries the same Message-ID, and the
 * customer's mail client shows one mail, not two.
 */
export function outboundMessageId(address: string, conversationId: number, messageId: number): string {
  const domain = address.includes('@') ? address.slice(address.lastIndexOf('@') + 1).toLowerCase() : 'localhost';
  const hash = createHash('sha256').update(`${address.toLowerCase()}\u0000${conversationId}\u0000${messageId}`).digest('hex').slice(0, 16);
  return `inbox.${conversationId}.${messageId}.${hash}@${domain}`;
}

/** A stable id for a mail that has no Message-ID: the same mail delivered twice gets the same id. */
export function syntheticMessageId(parts: Array<string | null | undefined>): string {
  const hash = createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 40);
  return `synthetic-${hash}@support-inbox.invalid`;
}
