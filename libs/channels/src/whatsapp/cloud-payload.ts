import { formatLocation } from './inbound-content';
import type { ReceiptStatus } from './whatsapp-ack';

/** A file attached to a Cloud API message; downloaded through the Graph API by its media id. */
export interface CloudMedia {
  id: string;
  kind: string;
  mimeType: string;
  filename: string | null;
}

/** One customer message from a Cloud API webhook, before media download. */
export interface CloudInbound {
  id: string;
  /** The customer's WhatsApp id (their phone number in international form, digits only). */
  from: string;
  name: string | null;
  timestampMs: number;
  type: string;
  text: string;
  media: CloudMedia | null;
  /** The message this one answers, when the customer used "reply". */
  replyToId: string | null;
  /** The id of the reply button or list row pressed (an `interactive` message), as we gave it. */
  choiceId: string | null;
}

export interface CloudStatus {
  id: string;
  status: ReceiptStatus;
  timestampMs: number;
  recipientId: string;
  error?: string;
}

export interface CloudWebhookContent {
  messages: CloudInbound[];
  statuses: CloudStatus[];
}

type Node = Record<string, unknown>;
const MEDIA_TYPES = new Set(['image', 'video', 'document', 'audio', 'sticker']);
/** Events that are not a customer writing: a reaction to one of our messages, a number change notice. */
const SKIPPED_TYPES = new Set(['reaction', 'system', 'request_welcome']);
const STATUSES = new Set<ReceiptStatus>(['sent', 'delivered', 'read', 'failed']);

const obj = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const seconds = (v: unknown, fallback: number): number => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n * 1000 : fallback;
};

/**
 * Maps a Cloud API webhook body (`object: whatsapp_business_account`) to the customer messages and delivery
 * statuses for this phone number. Changes for other numbers of the same app are left out.
 */
export function parseCloudWebhook(body: unknown, phoneNumberId: string, nowMs = Date.now()): CloudWebhookContent {
  const content: CloudWebhookContent = { messages: [], statuses: [] };
  for (const entry of list(obj(body).entry)) {
    for (const change of list(entry.changes)) {
      const value = obj(change.value);
      if (change.field !== 'messages' || str(obj(value.metadata).phone_number_id) !== phoneNumberId) continue;
      const names = new Map(list(value.contacts).map((c) => [str(c.wa_id), str(obj(c.profile).name)]));
      for (const m of list(value.messages)) {
        const message = toInbound(m, names, nowMs);
        if (message) content.messages.push(message);
      }
      for (const s of list(value.statuses)) {
        const status = toStatus(s, nowMs);
        if (status) content.statuses.push(status);
      }
    }
  }
  return content;
}

function toInbound(m: Node, names: Map<string | null, string | null>, nowMs: number): CloudInbound | null {
  const id = str(m.id);
  const from = str(m.from);
  const type = str(m.type) ?? 'unknown';
  if (!id || !from || SKIPPED_TYPES.has(type)) return null;
  const part = obj(m[type]);
  const media = MEDIA_TYPES.has(type) && str(part.id)
    ? { id: str(part.id)!, kind: type === 'audio' && part.voice === true ? 'voice' : type, mimeType: str(part.mime_type) ?? 'application/octet-stream', filename: str(part.filename) }
    : null;
  return {
    id, from, type, media,
    name: names.get(from) ?? null,
    timestampMs: seconds(m.timestamp, nowMs),
    text: textOf(type, part, m),
    replyToId: str(obj(m.context).id),
    choiceId: type === 'interactive' ? str(obj(part.button_reply).id) ?? str(obj(part.list_reply).id) : null,
  };
}

function textOf(type: string, part: Node, m: Node): string {
  switch (type) {
    case 'text':
      return str(part.body) ?? '';
    case 'image': case 'video': case 'document': case 'audio': case 'sticker':
      return str(part.caption) ?? '';
    case 'location':
      return formatLocation({ latitude: part.latitude as number, longitude: part.longitude as number, name: str(part.name), address: str(part.address) });
    case 'contacts':
      return list(m.contacts).map((c) => `Contact: ${str(obj(c.name).formatted_name) ?? '?'} ${list(c.phones).map((p) => str(p.phone)).filter(Boolean).join(', ')}`.trim()).join('\n');
    case 'button':
      return str(part.text) ?? '';
    case 'interactive':
      return str(obj(part.button_reply).title) ?? str(obj(part.list_reply).title) ?? '[interactive reply]';
    case 'unsupported':
      return '[a message WhatsApp does not pass on to the Cloud API; ask the customer to send it another way]';
    default:
      return `[WhatsApp ${type} message]`;
  }
}

function toStatus(s: Node, nowMs: number): CloudStatus | null {
  const id = str(s.id);
  const status = str(s.status) as ReceiptStatus | null;
  if (!id || !status || !STATUSES.has(status)) return null;
  const error = list(s.errors)[0];
  return {
    id, status,
    timestampMs: seconds(s.timestamp, nowMs),
    recipientId: str(s.recipient_id) ?? '',
    ...(status === 'failed' ? { error: error ? describeGraphError(error) : 'WhatsApp reported the message as failed' } : {}),
  };
}

/** `{ code, title, message, error_data: { details } }` as one line: "Message undeliverable (131026): details". */
export function describeGraphError(error: Node): string {
  const title = str(error.title) ?? str(error.message) ?? 'WhatsApp error';
  const details = str(obj(error.error_data).details);
  const code = str(error.code);
  return `${title}${code ? ` (${code})` : ''}${details && details !== title ? `: ${details}` : ''}`;
}
