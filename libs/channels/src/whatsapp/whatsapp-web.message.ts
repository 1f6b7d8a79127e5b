import { formatLocation } from './inbound-content';
import type { WwebMessageLike } from './whatsapp-web.client';

export const MEDIA_TYPES = new Set(['image', 'video', 'document', 'audio', 'ptt', 'sticker']);
/** Protocol and system events that arrive as "messages" but are nothing a customer wrote. */
const SYSTEM_TYPES = new Set([
  'e2e_notification', 'notification', 'notification_template', 'protocol', 'gp2', 'group_notification', 'call_log',
  'ciphertext', 'revoked', 'reaction', 'debug', 'broadcast_notification', 'pinned_message', 'keep_in_chat',
]);

/** A message from a customer in a one-to-one chat; not ours, not a status update, group or channel post. */
export function isCustomerMessage(message: WwebMessageLike): boolean {
  if (message.fromMe || message.isStatus || SYSTEM_TYPES.has(message.type)) return false;
  return message.from.endsWith('@c.us') || message.from.endsWith('@lid');
}

/** The contact identity: the phone number for a phone chat (`4915112345678@c.us` → `4915112345678`), else the whole id. */
export function senderIdOf(chatId: string): string {
  return chatId.endsWith('@c.us') ? chatId.slice(0, -'@c.us'.length) : chatId;
}

/** The chat to answer in: a phone number becomes `<digits>@c.us`; a full id (`…@lid`) is used as it is. */
export function chatIdOf(externalId: string): string {
  if (externalId.includes('@')) return externalId;
  return `${externalId.replace(/[^0-9]/g, '')}@c.us`;
}

/** What agents read: the text or caption, a location as text with a map link, a placeholder for the rest. */
export function textOf(message: WwebMessageLike): string {
  if (message.type === 'location' && message.location) {
    const l = message.location;
    return formatLocation({ latitude: l.latitude, longitude: l.longitude, name: l.name ?? l.description?.split('\n')[0], address: l.address });
  }
  if (message.type === 'chat' || MEDIA_TYPES.has(message.type)) return message.body ?? '';
  return message.body || `[WhatsApp ${message.type} message]`;
}
