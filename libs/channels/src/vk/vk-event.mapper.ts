import { pressOfVkPayload } from './vk-keyboard';
import type { InboundMessage } from '../channel-adapter';

/*
 * The slice of VK's event objects (Callback API and Bots Long Poll send the same ones) that the inbox reads,
 * declared here so that the mapping stays a plain function over JSON.
 */
export interface VkEvent {
  type: string;
  event_id?: string;
  group_id?: number;
  secret?: string;
  object?: unknown;
}

interface VkPhotoSize {
  url: string;
  width?: number;
  height?: number;
}

export interface VkAttachment {
  type: string;
  photo?: { id: number; owner_id: number; sizes?: VkPhotoSize[]; orig_photo?: VkPhotoSize };
  doc?: { id: number; owner_id: number; title?: string; size?: number; ext?: string; url?: string };
  audio_message?: { id: number; owner_id: number; link_ogg?: string; link_mp3?: string };
  [other: string]: unknown;
}

export interface VkMessage {
  id: number;
  date: number;
  peer_id: number;
  from_id: number;
  text?: string;
  out?: number;
  conversation_message_id?: number;
  update_time?: number;
  attachments?: VkAttachment[];
  reply_message?: { id?: number; conversation_message_id?: number };
  geo?: { coordinates?: { latitude: number; longitude: number } };
  /** What a pressed keyboard button carried (JSON text). */
  payload?: string;
}

/** A file named in a message, to be downloaded before the message is stored. */
export interface VkFileRef {
  url: string;
  name: string;
  contentType: string;
  /** As VK announced it (documents only). */
  size?: number;
}

export type MappedEvent =
  | { kind: 'message'; message: Omit<InboundMessage, 'attachments'>; files: VkFileRef[] }
  | { kind: 'edit'; externalId: string; text: string; editedAt: Date }
  | { kind: 'ignored'; reason: string };

/** Peer ids from here up are group chats; a community's support conversations are its private dialogs. */
const CHAT_PEER_ID_BASE = 2_000_000_000;

const DOC_TYPES: Record<string, string> = {
  pdf: 'application/pdf', txt: 'text/plain', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip: 'application/zip',
};

/** The dedupe key of a VK message: its id, unique among the community's messages, the same in both APIs. */
export function vkExternalId(messageId: number): string {
  return String(messageId);
}

/** Turns one event into what the inbox stores; chats, the community's own messages and other event types are ignored. */
export function mapEvent(event: VkEvent): MappedEvent {
  if (event.type === 'message_edit') {
    const edited = event.object as VkMessage;
    const skip = skipReason(edited);
    if (skip) return { kind: 'ignored', reason: skip };
    return { kind: 'edit', externalId: vkExternalId(edited.id), text: edited.text ?? '', editedAt: new Date((edited.update_time ?? edited.date) * 1000) };
  }
  if (event.type !== 'message_new') return { kind: 'ignored', reason: `event ${event.type} is not a customer's message` };
  const message = (event.object as { message?: VkMessage })?.message;
  if (!message) return { kind: 'ignored', reason: 'message_new without a message' };
  const skip = skipReason(message);
  if (skip) return { kind: 'ignored', reason: skip };

  const files: VkFileRef[] = [];
  const placeholders: string[] = [];
  for (const attachment of message.attachments ?? []) {
    const file = fileOf(attachment);
    if (file) files.push(file);
    else placeholders.push(placeholderOf(attachment));
  }
  const location = message.geo?.coordinates;
  if (location) placeholders.push(`[location ${location.latitude},${location.longitude}]`);
  const text = [message.text ?? '', ...placeholders].filter(Boolean).join('\n');

  const meta: Record<string, unknown> = { peerId: message.peer_id, vkMessageId: message.id };
  if (message.conversation_message_id !== undefined) meta.conversationMessageId = message.conversation_message_id;
  if (message.reply_message?.id) meta.replyToExternalId = vkExternalId(message.reply_message.id);
  const choice = pressOfVkPayload(message.payload);
  return {
    kind: 'message',
    files,
    message: {
      externalId: vkExternalId(message.id),
      sender: { externalId: String(message.from_id) },
      text,
      sentAt: new Date(message.date * 1000),
      meta,
      ...(choice ? { choice } : {}),
    },
  };
}

function skipReason(message: VkMessage): string | null {
  if (message.out) return 'the community\'s own message';
  if (message.peer_id >= CHAT_PEER_ID_BASE) return 'message in a group chat (only private dialogs are conversations)';
  if (message.from_id <= 0) return 'message from a community, not a person';
  return null;
}

function fileOf(attachment: VkAttachment): VkFileRef | null {
  const { photo, doc, audio_message: voice } = attachment;
  if (attachment.type === 'photo' && photo) {
    const sizes = [...(photo.sizes ?? []), ...(photo.orig_photo ? [photo.orig_photo] : [])].filter((s) => s.url);
    if (!sizes.length) return null;
    // VK lists several sizes of one photo: keep the largest.
    const largest = sizes.reduce((a, b) => ((b.width ?? 0) * (b.height ?? 0) > (a.width ?? 0) * (a.height ?? 0) ? b : a));
    return { url: largest.url, name: `photo${photo.owner_id}_${photo.id}.jpg`, contentType: 'image/jpeg' };
  }
  if (attachment.type === 'doc' && doc?.url) {
    const ext = (doc.ext ?? '').toLowerCase();
    const title = doc.title?.trim() || `doc${doc.owner_id}_${doc.id}`;
    const name = ext && !title.toLowerCase().endsWith(`.${ext}`) ? `${title}.${ext}` : title;
    return { url: doc.url, name, contentType: DOC_TYPES[ext] ?? 'application/octet-stream', size: doc.size };
  }
  if (attachment.type === 'audio_message' && voice && (voice.link_ogg || voice.link_mp3)) {
    const ogg = Boolean(voice.link_ogg);
    return { url: (voice.link_ogg ?? voice.link_mp3)!, name: `voice${voice.owner_id}_${voice.id}.${ogg ? 'ogg' : 'mp3'}`, contentType: ogg ? 'audio/ogg' : 'audio/mpeg' };
  }
  return null;
}

/** Kinds the inbox does not download show as a placeholder, so an agent sees that the customer sent something. */
function placeholderOf(attachment: VkAttachment): string {
  if (attachment.type === 'link') {
    const url = (attachment.link as { url?: string } | undefined)?.url;
    return url ? `[link ${url}]` : '[link]';
  }
  return `[${attachment.type.replace(/_/g, ' ')}]`;
}
