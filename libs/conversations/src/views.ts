import type { ConversationView, MessageView } from './api-types';
import { Channel, Contact, Conversation, Message } from './entities';

export type { ConversationView, MessageView } from './api-types';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toConversationView(c: Conversation, channel: Channel, contact: Contact): ConversationView {
  return {
    id: c.id,
    status: c.status,
    channel: { id: channel.id, type: channel.type, name: channel.name },
    contact: { id: contact.id, name: contact.name },
    assigneeId: c.assigneeId,
    subject: c.subject,
    language: c.language ?? null,
    topic: c.topic ?? null,
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
