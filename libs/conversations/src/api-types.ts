/**
 * The conversation model as the API shows it. Plain types and constants with no imports, so the web
 * front end shares them (type-only) instead of keeping copies that drift.
 */
export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const SLA_STATES = ['ok', 'warning', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export type MessageDirection = 'in' | 'out' | 'note';
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export interface Attachment {
  name: string;
  contentType: string;
  size: number;
  /** Key in the attachment store; absent when the file was over the size limit and not kept. */
  storageKey?: string;
  /** Why the file is not stored, e.g. over the size limit. */
  note?: string;
}

/** A conversation: ids and ISO times, channel and contact inlined for the list. */
export interface ConversationView {
  id: number;
  status: ConversationStatus;
  channel: { id: string; type: string; name: string };
  contact: { id: number; name: string };
  assigneeId: number | null;
  subject: string | null;
  /** The customer's language (`ru`, `en`) when their channel told it; automatic messages use it. */
  language: string | null;
  /** The pre-chat topic the customer chose (web chat), which routing may map to a team. */
  topic: string | null;
  lastMessagePreview: string | null;
  dueAt: string | null;
  warnAt: string | null;
  firstResponseDueAt: string | null;
  nextResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  slaState: SlaState;
  awaitingReply: boolean;
  waitingSince: string;
  lastMessageAt: string;
  createdAt: string;
}

export interface MessageView {
  id: number;
  conversationId: number;
  direction: MessageDirection;
  body: string;
  bodyHtml: string | null;
  createdAt: string;
  sentAt: string | null;
  editedAt: string | null;
  originalBody: string | null;
  authorId: number | null;
  automatic: boolean;
  deliveryStatus: DeliveryStatus | null;
  error: string | null;
  attachments: Attachment[];
}

/** A contact with its identities and every conversation across channels. */
export interface ContactView {
  id: number;
  name: string;
  createdAt: string;
  identities: Array<{ id: number; channelId: string; externalId: string; displayName: string | null }>;
  conversations: ConversationView[];
}

/** One channel's line on the team lead's live board. */
export interface BoardChannel {
  channelId: string;
  type: string;
  name: string;
  /** Conversations in status open. */
  open: number;
  /** Open conversations whose customer waits for us (wrote after our last reply, or we never replied). */
  unanswered: number;
  /** How long the customer who has waited longest has waited, or null when nobody waits. */
  longestWaitSeconds: number | null;
  /** Median (nearest rank) of first responses given since `since`, or null when none. */
  medianFirstResponseSecondsToday: number | null;
  warningsToday: number;
  breachesToday: number;
}

export interface Board {
  at: string;
  since: string;
  channels: BoardChannel[];
}
