/*
 * The one rule for text that customers send, applied once where ingest begins, so every channel passes it.
 *
 * Removed: U+0000 and the other C0 control characters except tab, line feed and carriage return, and U+007F.
 *   PostgreSQL cannot keep U+0000 in text at all, and the rest carry nothing a reader sees; removing them
 *   keeps the words around them whole ("x\0y" becomes "xy").
 * Replaced: a lone UTF-16 surrogate becomes U+FFFD. Neither database can keep one, and a character was
 *   there, so the reader sees that one was lost.
 * Names (a sender's display name) additionally lose the direction controls (U+202A–202E, U+2066–2069,
 *   U+200E, U+200F, U+061C), so "Bob \u202Eexe.gnp" cannot pass for "Bob png.exe", and fold whitespace to one
 *   line. Message text keeps direction controls: right-to-left writing needs them, and the inbox shows every
 *   customer string isolated instead.
 * Text is trimmed, so a message of only spaces or control characters is empty.
 * Strings bound for a sized column are fitted to it: names and subjects are cut (ending in "…"), ids too long
 *   keep their start and a hash of the whole, so dedupe and threading still match them.
 */

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
/** Deeper meta than this is left as the adapter made it (no adapter nests so deep; a guard against cycles). */
const MAX_META_DEPTH = 16;

/**
 * Sizes of the columns these strings go to (PostgreSQL refuses a longer value, which would make the message
 * impossible to store): contact names, subjects, the message's dedupe id, the sender's id.
 */
export const INBOUND_LIMITS = { name: 300, subject: 500, messageId: 255, senderId: 320 } as const;

/** A string any database can keep: controls removed, lone surrogates replaced; not trimmed. */
export function storableText(value: string): string {
  return value.replace(CONTROLS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** Message text as stored: storable and trimmed. */
export function cleanText(value: string): string {
  return storableText(value).trim();
}

/** True when nothing would be left of the text once cleaned (spaces, controls, nothing at all). */
export function isBlankText(value: string): boolean {
  return cleanText(value) === '';
}

/** A display name: storable, no direction controls, one line, within the column; null when nothing is left. */
export function cleanName(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const name = storableText(value).replace(DIRECTION_CONTROLS, '').replace(/\s+/g, ' ').trim();
  return name ? cut(name, INBOUND_LIMITS.name) : null;
}

/** At most `max` characters (code points, as PostgreSQL counts them), ending in "…" when cut. */
export function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * An id that fits a column of `max` characters: unchanged when it fits, else its start and a 64-bit FNV-1a hash of
 * the whole, so two long ids that share their start stay apart and a redelivery maps to the same value.
 */
export function fitId(id: string, max: number): string {
  if (id.length <= max) return id; // never more code points than UTF-16 units: fits without counting them
  const chars = Array.from(id);
  if (chars.length <= max) return id;
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(id)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  const suffix = `#${hash.toString(16).padStart(16, '0')}`;
  return `${chars.slice(0, max - suffix.length).join('')}${suffix}`;
}

/** Every string in a JSON-like value (keys included) made storable. */
export function storableDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (!value || typeof value !== 'object' || depth >= MAX_META_DEPTH || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => storableDeep(v, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableDeep(v, depth + 1)])) as T;
}

/** The parts of an inbound message that carry customer-supplied strings. */
export interface InboundStrings {
  externalId: string;
  sender: { externalId: string; name?: string | null };
  text: string;
  html?: string | null;
  subject?: string | null;
  attachments?: Array<{ name: string; contentType: string }>;
  threadRefs?: string[];
  meta?: Record<string, unknown>;
}

/** An inbound message with every string cleaned by the rule above; everything else as it was. */
export function normaliseInbound<T extends InboundStrings>(message: T): T {
  const subject = message.subject === undefined || message.subject === null ? message.subject : cut(cleanText(message.subject), INBOUND_LIMITS.subject) || null;
  return {
    ...message,
    externalId: fitId(storableText(message.externalId), INBOUND_LIMITS.messageId),
    sender: { ...message.sender, externalId: fitId(storableText(message.sender.externalId), INBOUND_LIMITS.senderId), name: cleanName(message.sender.name) },
    text: cleanText(message.text),
    ...(message.html !== undefined ? { html: message.html === null ? null : storableText(message.html) } : {}),
    ...(subject !== undefined ? { subject } : {}),
    ...(message.attachments ? { attachments: message.attachments.map((a) => ({ ...a, name: cleanName(a.name) ?? 'attachment', contentType: storableText(a.contentType) })) } : {}),
    ...(message.threadRefs ? { threadRefs: message.threadRefs.map((ref) => fitId(storableText(ref), INBOUND_LIMITS.messageId)) } : {}),
    ...(message.meta ? { meta: storableDeep(message.meta) } : {}),
  };
}
