import { Channel, Contact, Conversation, Message } from './entities';

/** The API's shape of a conversation: ids and ISO times, channel and contact inlined for the list. */
export interface ConversationView {
  id: number;
  status: Conversation['status'];
  channel: { id: string; type: string; name: string };
  contact: { id: number; name: string };
  assigneeId: number | null;
  subject: string | null;
  lastMessagePreview: string | null;
  dueAt: string | null;
  warnAt: string | null;
  firstResponseDueAt: string | null;
  nextResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  slaState: Conversation['slaState'];
  awaitingReply: boolean;
  waitingSince: string;
  lastMessageAt: string;
  createdAt: string;
}

export interface MessageView {
  id: number;
  conversationId: number;
  direction: Message['direction'];
  body: string;
  bodyHtml: string | null;
  createdAt: string;
  sentAt: string | null;
  editedAt: string | null;
  originalBody: string | null;
  authorId: number | null;
  automatic: boolean;
  deliveryStatus: Message['deliveryStatus'];
  error: string | null;
  attachments: NonNullable<Message['attachments']>;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toConversationView(c: Conversation, channel: Channel, contact: Contact): ConversationView {
  return {
    id: c.id,
    status: c.status,
    channel: { id: channel.id, type: channel.type, name: channel.name },
    contact: { id: contact.id, name: contact.name },
    assigneeId: c.assigneeId,
    subject: c.subject,
    lastMessagePreview: c.lastMessagePreview,
    dueAt: iso(c.dueAt),
    warnAt: iso(c.warnAt),
    firstResponseDueAt: iso(c.firstResponseDueAt),
    nextResponseDueAt: iso(c.nextResponseDueAt),
    resolutionDueAt: iso(c.resolutionDueAt),
    firstRespondedAt: iso(c.firstRespondedAt),
    slaState: c.slaState,
    awaitingReply: c.awaitingReply,
    waitingSince: c.waitingSince.toISOString(),
    lastMessageAt: c.lastMessageAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
  };
}

export function toMessageView(m: Message): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    body: m.body,
    bodyHtml: m.bodyHtml,
    createdAt: m.createdAt.toISOString(),
    sentAt: iso(m.sentAt),
    editedAt: iso(m.editedAt),
    originalBody: m.originalBody,
    authorId: m.authorId,
    automatic: m.automatic,
    deliveryStatus: m.deliveryStatus,
    error: m.error,
    attachments: m.attachments ?? [],
  };
}
