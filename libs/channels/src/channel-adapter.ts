import type { Choice } from '@app/platform/contracts/choices';
import type { InboundMessage } from '@app/platform/contracts/inbound-message';

export type { InboundAttachment, InboundMessage } from '@app/platform/contracts/inbound-message';
export type { Choice, ChoicePress } from '@app/platform/contracts/choices';

/** States a channel connection goes through; `qr`/`authenticated`/`disconnected` are WhatsApp's linking steps. */
export type ChannelState = 'connecting' | 'ready' | 'error' | 'stopped' | 'qr' | 'authenticated' | 'disconnected';

export interface ChannelHealth {
  state: ChannelState;
  /** Why the channel is not ready, in the peer's own words where possible. */
  reason?: string;
  since: Date;
}

/**
 * What became of an inbound message: stored (or a repeat of a stored one), or set aside in the quarantine
 * after failing to store too often. Either way the adapter may acknowledge its channel and move on.
 */
export type InboundOutcome =
  | { quarantined?: false; duplicate: boolean; conversationId: number; messageId: number }
  | { quarantined: true; quarantineId: number };

/** Resolves after the message is committed (or set aside): only then may the adapter acknowledge its channel. Rejects when the channel should deliver it again. */
export type InboundHandler = (message: InboundMessage) => Promise<InboundOutcome>;

/** An item the adapter could not turn into a message, as the channel delivered it (a Telegram update as JSON, a mail's bytes). */
export interface RawInboundItem {
  /** The channel's id of the item, if it has one that can be read; otherwise a hash of `raw` names it. */
  externalId?: string;
  raw: string | Buffer;
}

/** Applies a delivery receipt (delivered, read, failed) to the outbound message with this external id. */
export type ReceiptHandler = (externalId: string, status: 'sent' | 'delivered' | 'read' | 'failed', error?: string) => Promise<void>;

export interface ChannelContext {
  inbound: InboundHandler;
  /**
   * Sets aside an item that cannot become a message (kept raw with the reason, listed for ops); resolves once
   * stored, after which the adapter acknowledges it like a stored message. Never drop such an item silently.
   */
  quarantine: (item: RawInboundItem, reason: string) => Promise<void>;
  /** A customer edited an earlier message (Telegram edited_message); resolves after it is stored. */
  edits: (externalId: string, text: string, editedAt: Date) => Promise<void>;
  receipts: ReceiptHandler;
  /** Progress markers stored in the database (update offset, last UID); set them only after the data they cover is stored. */
  cursors: { get(key: string): Promise<string | null>; set(key: string, value: string): Promise<void> };
  /** When this customer last wrote on this channel, from the database (reply windows: WhatsApp's 24 hours); null if never. */
  lastInboundAt: (senderExternalId: string) => Promise<Date | null>;
  /**
   * Stores what a send of this outbound message delivered so far, merged into its meta; a retry (in any
   * process) finds it in OutboundMessage.meta and sends only the rest.
   */
  rememberProgress: (messageId: number, progress: Record<string, unknown>) => Promise<void>;
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
  /**
   * Buttons to show with the text, for channels whose capabilities say `choices: 'buttons'` (the relay writes them
   * into the text as numbered lines for the others). A press comes back as an inbound message with `choice`; build
   * the button's payload with `choicePayload(messageId, choice.id)`.
   */
  choices?: Choice[];
  /** For channels whose capabilities say `choices: 'links'`: one signed one-click link per choice, under the text. */
  choiceLinks?: { label: string; url: string }[];
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
  /**
   * For channels that receive by webhook: take webhooks with this context without connecting, registering or
   * sending. Any API process does this; the connection (and registering the webhook) stays with the worker
   * holding the channel's lease.
   */
  receiveWebhooks?(context: ChannelContext): void;
  /** For channels linked by scanning a code (WhatsApp Web): the code to draw as a QR while waiting for a scan, else null. */
  qrCode?(): string | null;
  /** Why a free-form reply to this recipient would be refused now (WhatsApp's 24-hour window), or null; asked before queuing. */
  checkReply?(to: { externalId: string }): Promise<string | null>;
}
