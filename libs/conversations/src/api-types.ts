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
  /** The team (routing) whose queue it belongs to. */
  teamId: number | null;
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
  /** While snoozed: when it reopens. */
  snoozedUntil: string | null;
  /** Customer messages its assignee has not opened yet. */
  unreadCount: number;
  waitingSince: string;
  lastMessageAt: string;
  createdAt: string;
  /** By name. */
  labels: LabelView[];
  /** The bot's part: answering (`active`), handed to the agents (with why), or closed by it (`resolved`); null: no bot met it. */
  bot: { state: 'active' | 'handed_over' | 'resolved'; handoverReason: string | null } | null;
}

/** A label as rows, filters and the labels page show it. */
export interface LabelView {
  id: number;
  name: string;
  /** `#rrggbb`. */
  color: string;
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
  /** Buttons an outbound message offered. */
  choices: Array<{ id: string; label: string; typed?: boolean }> | null;
  /** An inbound message that is a press of one of them: the choice's id and the offering message. */
  choice: { id: string; messageId: number } | null;
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

/** A notice for one agent; `text` is the note's text for reminders and mentions. */
export interface AgentNotice {
  agentId: number;
  /** A snooze ended, a reminder fired, a note mentions them; routing: their customer's conversation reached them (owner), an SLA rule for a team lead. */
  kind: 'snooze.woke' | 'reminder' | 'mention' | 'owner' | 'sla-warning' | 'sla-breach';
  conversationId: number;
  at: string;
  messageId?: number;
  reminderId?: number;
  byAgentId?: number | null;
  text?: string;
}

/** A reminder on a note, as the Reminders list shows it. */
export interface ReminderView {
  id: number;
  conversationId: number;
  messageId: number;
  agentId: number;
  createdById: number | null;
  remindAt: string;
  firedAt: string | null;
  text: string;
}

/** A note that mentions the agent, as the Mentions list shows it. */
export interface MentionView {
  id: number;
  conversationId: number;
  messageId: number;
  byAgentId: number | null;
  at: string;
  text: string;
}

/** What `POST /api/conversations/bulk` did to each conversation. */
export interface BulkResult {
  action: string;
  changed: number[];
  unchanged: number[];
  refused: Array<{ id: number; reason: string }>;
}

export const CANNED_REPLY_SCOPES = ['everyone', 'team', 'personal'] as const;
export type CannedReplyScope = (typeof CANNED_REPLY_SCOPES)[number];

/** A canned reply as the API gives it: the body is a liquid template (`{{ contact.name | default: "клиент" }}`). */
export interface CannedReplyView {
  id: number;
  shortCode: string;
  title: string;
  body: string;
  scope: CannedReplyScope;
  teamId: number | null;
  ownerId: number | null;
  updatedAt: string;
}
