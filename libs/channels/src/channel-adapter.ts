import type { InboundMessage } from '@app/platform/contracts/inbound-message';

export type { InboundAttachment, InboundMessage } from '@app/platform/contracts/inbound-message';

/** States a channel connection goes through; `qr`/`authenticated`/`disconnected` are WhatsApp's linking steps. */
export type ChannelState = 'connecting' | 'ready' | 'error' | 'stopped' | 'qr' | 'authenticated' | 'disconnected';

export interface ChannelHealth {
  state: ChannelState;
  /** Why the channel is not ready, in the peer's own words where possible. */
  reason?: string;
  since: Date;
}

/** Resolves after the message is committed: only then may the adapter acknowledge its channel. */
export type InboundHandler = (message: InboundMessage) => Promise<{ duplicate: boolean; conversationId: number; messageId: number }>;

/** Applies a delivery receipt (delivered, read, failed) to the outbound message with this external id. */
export type ReceiptHandler = (externalId: string, status: 'sent' | 'delivered' | 'read' | 'failed', error?: string) => Promise<void>;

export interface ChannelContext {
  inbound: InboundHandler;
  /** A customer edited an earlier message (Telegram edited_message); resolves after it is stored. */
  edits: (externalId: string, text: string, editedAt: Date) => Promise<void>;
  receipts: ReceiptHandler;
  /** Progress markers stored in the database (update offset, last UID); set them only after the data they cover is stored. */
  cursors: { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<void> };
  /** Keeps a received file; returns its key for InboundAttachment.storageKey. */
  saveAttachment: (data: Buffer) => Promise<string>;
  /** Where the adapter may keep files of its own (sessions, downloaded attachments). */
  dataDir: string;
  maxAttachmentBytes: number;
  /** The server's public base URL (server.publicUrl), for registering webhooks; absent when not configured. */
  publicUrl?: string;
}

/** A file an agent attached to a reply, read from the attachment store by the relay. */
export interface OutboundFile {
  name: string;
  contentType: string;
  data: Buffer;
  /** Where the file is kept, for channels that hand out a link instead of the bytes (the web chat). */
  storageKey?: string;
}

export interface OutboundMessage {
  messageId: number;
  conversationId: number;
  to: { externalId: string; name: string | null };
  text: string;
  automatic: boolean;
  subject: string | null;
  /** The customer message being answered, for channels that thread replies. */
  replyTo: { externalId: string | null; meta: Record<string, unknown> | null } | null;
  meta: Record<string, unknown> | null;
  /** Files to send with the text (or alone); empty for most messages. */
  attachments?: OutboundFile[];
}

export interface SendResult {
  externalId?: string | null;
  status?: 'sent' | 'delivered';
  meta?: Record<string, unknown>;
}

/** A send that failed. `permanent` ends the retries at once (the user blocked the bot); `retryAfterMs` is the peer's wish. */
export class SendError extends Error {
  constructor(message: string, readonly options: { permanent?: boolean; retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'SendError';
  }
}

/** A raw HTTP request forwarded to an adapter by the webhook receiver. */
export interface WebhookRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  rawBody: Buffer;
}

export interface WebhookResponse {
  status: number;
  body?: unknown;
}

/** The one interface every channel implements; nothing outside its folder imports its SDK. */
export interface ChannelAdapter {
  readonly channelId: string;
  readonly type: string;
  start(context: ChannelContext): Promise<void>;
  send(message: OutboundMessage): Promise<SendResult>;
  stop(): Promise<void>;
  health(): ChannelHealth;
  /** For channels that receive by webhook: verify, store (through the inbound handler), then answer. */
  handleWebhook?(request: WebhookRequest): Promise<WebhookResponse>;
  /** For channels linked by scanning a code (WhatsApp Web): the code to draw as a QR while waiting for a scan, else null. */
  qrCode?(): string | null;
  /** Why a free-form reply to this recipient would be refused now (WhatsApp's 24-hour window), or null; asked before queuing. */
  checkReply?(to: { externalId: string }): Promise<string | null>;
}
