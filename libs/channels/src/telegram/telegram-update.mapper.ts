import { pressOfPayload } from '@app/platform/contracts/choices.util';
import type { InboundMessage } from '../channel-adapter';

/*
 * The slice of the Bot API's Update that the inbox reads. Declared here rather than taken from telegraf's
 * typegram unions so that this mapping stays a plain function over JSON, easy to test.
 */
export interface TelegramUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  /** The user's interface language (IETF tag), when Telegram tells it: the customer's language. */
  language_code?: string;
  last_name?: string;
  username?: string;
}

interface TelegramFile {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
}

export interface TelegramMessage {
  message_id: number;
  date: number;
  edit_date?: number;
  chat: { id: number; type: string; first_name?: string; last_name?: string; username?: string };
  from?: TelegramUser;
  text?: string;
  caption?: string;
  photo?: (TelegramFile & { width: number; height: number })[];
  document?: TelegramFile;
  voice?: TelegramFile;
  video_note?: TelegramFile;
  video?: TelegramFile;
  audio?: TelegramFile;
  reply_to_message?: { message_id: number };
  [other: string]: unknown;
}

/** A press of an inline keyboard button; `data` is what the button carried (see choicePayload). */
export interface TelegramCallbackQuery {
  id: string;
  from: TelegramUser;
  message?: { message_id: number; chat: { id: number; type: string } };
  data?: string;
}

export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
  edited_message?: TelegramMessage;
  callback_query?: TelegramCallbackQuery;
}

/** A file named in a message, to be fetched with getFile before the message is stored. */
export interface TelegramFileRef {
  fileId: string;
  name: string;
  contentType: string;
  /** As Telegram announced it; absent for some older files. */
  size?: number;
}

export type MappedUpdate =
  | { kind: 'message'; message: Omit<InboundMessage, 'attachments'>; files: TelegramFileRef[] }
  | { kind: 'edit'; externalId: string; text: string; editedAt: Date }
  | { kind: 'ignored'; reason: string }
  /** Not shaped as the Bot API describes: set aside for ops, never retried forever. */
  | { kind: 'unreadable'; reason: string };

/** The only update kinds the adapter asks Telegram for. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

// Message kinds stored as a placeholder, so an agent sees that the customer sent something.
const OTHER_KINDS = ['sticker', 'animation', 'location', 'venue', 'contact', 'poll', 'dice', 'game', 'story'];

/** The dedupe key of a Telegram message: message ids are unique only within a chat. */
export function telegramExternalId(chatId: number | string, messageId: number): string {
  return `${chatId}:${messageId}`;
}

/** First and last name as Telegram shows them, else @username, else nothing (the inbox then shows the id). */
export function contactNameOf(user: Pick<TelegramUser, 'first_name' | 'last_name' | 'username'>): string | null {
  const full = [user.first_name, user.last_name].map((s) => s?.trim()).filter(Boolean).join(' ');
  if (full) return full;
  return user.username ? `@${user.username}` : null;
}

/** Turns one update into what the inbox stores; group chats, bots and other update kinds are ignored. */
export function mapUpdate(update: TelegramUpdate): MappedUpdate {
  const malformed = malformedPart(update);
  if (malformed) return { kind: 'unreadable', reason: `update ${update.update_id} is not a Bot API update: ${malformed}` };
  if (update.edited_message) {
    const edited = update.edited_message;
    const skip = skipReason(edited);
    if (skip) return { kind: 'ignored', reason: skip };
    return {
      kind: 'edit',
      externalId: telegramExternalId(edited.chat.id, edited.message_id),
      text: edited.text ?? edited.caption ?? '',
      editedAt: new Date((edited.edit_date ?? edited.date) * 1000),
    };
  }
  if (update.callback_query) return mapCallbackQuery(update.callback_query);
  const message = update.message;
  if (!message) return { kind: 'ignored', reason: `update ${update.update_id} carries no message` };
  const skip = skipReason(message);
  if (skip) return { kind: 'ignored', reason: skip };

  const sender = message.from ?? message.chat;
  const files = filesOf(message);
  let text = message.text ?? message.caption ?? '';
  if (!text && files.length === 0) text = placeholderOf(message);
  const meta: Record<string, unknown> = { chatId: message.chat.id, telegramMessageId: message.message_id };
  const start = /^\/start(?:@\w+)?(?:\s+(.+))?$/s.exec(message.text ?? '');
  if (start) {
    meta.command = 'start';
    // The deep-link payload (t.me/bot?start=…) tells where the customer came from.
    if (start[1]) meta.startPayload = start[1].trim();
  }
  if (message.reply_to_message) meta.replyToExternalId = telegramExternalId(message.chat.id, message.reply_to_message.message_id);
  return {
    kind: 'message',
    files,
    message: {
      externalId: telegramExternalId(message.chat.id, message.message_id),
      sender: { externalId: String(sender.id), name: contactNameOf(sender) },
      text,
      sentAt: new Date(message.date * 1000),
      meta,
      // The customer's language, when Telegram tells it (the user's interface language).
      ...('language_code' in sender && typeof sender.language_code === 'string' ? { language: sender.language_code } : {}),
    },
  };
}

/** A button press: an inbound message carrying the choice (ingest stores its label); the query is answered after it is stored. */
function mapCallbackQuery(query: TelegramCallbackQuery): MappedUpdate {
  if (query.from.is_bot) return { kind: 'ignored', reason: 'callback query from a bot' };
  if (query.message && query.message.chat.type !== 'private') return { kind: 'ignored', reason: `button pressed in a ${query.message.chat.type} chat` };
  const choice = pressOfPayload(query.data);
  if (!choice) return { kind: 'ignored', reason: `callback query ${query.id} carries no choice of ours` };
  return {
    kind: 'message',
    files: [],
    message: {
      // Telegram's callback query ids are unique per bot: a redelivered press is stored once.
      externalId: `callback:${query.id}`,
      sender: { externalId: String(query.from.id), name: contactNameOf(query.from) },
      text: '',
      choice,
      meta: { chatId: query.message?.chat.id ?? query.from.id, callbackQueryId: query.id },
    },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, type: 'string' | 'number') => v === undefined || typeof v === type;

/** The first field the mapping reads that does not have the Bot API's type, or null when all do. */
function malformedPart(update: TelegramUpdate): string | null {
  for (const key of ['message', 'edited_message'] as const) {
    const m: unknown = update[key];
    if (m === undefined || m === null) continue;
    if (!isObject(m)) return `${key} is not an object`;
    if (typeof m.message_id !== 'number') return `${key}.message_id is not a number`;
    if (typeof m.date !== 'number' || !optional(m.edit_date, 'number')) return `${key}.date is not a number`;
    if (!isObject(m.chat) || typeof m.chat.id !== 'number' || typeof m.chat.type !== 'string') return `${key}.chat is not a chat with a numeric id and a type`;
    if (m.from !== undefined && (!isObject(m.from) || typeof m.from.id !== 'number')) return `${key}.from is not a user with a numeric id`;
    for (const field of ['text', 'caption'] as const) if (!optional(m[field], 'string')) return `${key}.${field} is not a string`;
    if (m.photo !== undefined && (!Array.isArray(m.photo) || !m.photo.every((p) => isObject(p) && typeof p.file_id === 'string'))) return `${key}.photo is not a list of files`;
    for (const field of ['document', 'voice', 'video_note', 'video', 'audio'] as const) {
      const file = m[field];
      if (file !== undefined && (!isObject(file) || typeof file.file_id !== 'string')) return `${key}.${field} is not a file`;
    }
    const reply = m.reply_to_message;
    if (reply !== undefined && (!isObject(reply) || typeof reply.message_id !== 'number')) return `${key}.reply_to_message is not a message`;
  }
  const query: unknown = update.callback_query;
  if (query !== undefined && query !== null) {
    if (!isObject(query) || typeof query.id !== 'string') return 'callback_query has no string id';
    if (!isObject(query.from) || typeof query.from.id !== 'number') return 'callback_query.from is not a user with a numeric id';
    if (!optional(query.data, 'string')) return 'callback_query.data is not a string';
    const m = query.message;
    if (m !== undefined && (!isObject(m) || !isObject(m.chat) || typeof m.chat.id !== 'number' || typeof m.chat.type !== 'string')) return 'callback_query.message has no chat';
  }
  return null;
}

function skipReason(message: TelegramMessage): string | null {
  if (message.chat.type !== 'private') return `message in a ${message.chat.type} chat (only private chats are conversations)`;
  if (message.from?.is_bot) return 'message from a bot';
  return null;
}

function filesOf(m: TelegramMessage): TelegramFileRef[] {
  const files: TelegramFileRef[] = [];
  if (m.photo?.length) {
    // Telegram sends several sizes of one photo, smallest first: keep the largest.
    const largest = m.photo[m.photo.length - 1];
    files.push({ fileId: largest.file_id, name: `photo-${largest.file_unique_id}.jpg`, contentType: 'image/jpeg', size: largest.file_size });
  }
  const kinds: [TelegramFile | undefined, string, string, string][] = [
    [m.document, 'document', 'bin', 'application/octet-stream'],
    [m.voice, 'voice', 'ogg', 'audio/ogg'],
    [m.video_note, 'video-note', 'mp4', 'video/mp4'],
    [m.video, 'video', 'mp4', 'video/mp4'],
    [m.audio, 'audio', 'mp3', 'audio/mpeg'],
  ];
  for (const [file, label, extension, contentType] of kinds) {
    if (!file) continue;
    files.push({
      fileId: file.file_id,
      name: file.file_name || `${label}-${file.file_unique_id}.${extension}`,
      contentType: file.mime_type || contentType,
      size: file.file_size,
    });
  }
  return files;
}

function placeholderOf(m: TelegramMessage): string {
  const kind = OTHER_KINDS.find((k) => m[k] !== undefined);
  if (kind === 'sticker') {
    const emoji = (m.sticker as { emoji?: string }).emoji;
    return emoji ? `[sticker ${emoji}]` : '[sticker]';
  }
  return `[${kind ?? 'unsupported message'}]`;
}
