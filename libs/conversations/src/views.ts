import type { ConversationView, LabelView, MessageView } from './api-types';
import { Channel, Contact, Conversation, Message } from './entities';

export type { ConversationView, MessageView } from './api-types';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toConversationView(c: Conversation, channel: Channel, contact: Contact, labels: LabelView[] = []): ConversationView {
  return {
    id: c.id,
    status: c.status,
    channel: { id: channel.id, type: channel.type, name: channel.name },
    contact: { id: contact.id, name: contact.name },
    assigneeId: c.assigneeId,
    teamId: c.teamId ?? null,
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
    snoozedUntil: iso(c.snoozedUntil ?? null),
    unreadCount: c.unreadCount ?? 0,
    waitingSince: c.waitingSince.toISOString(),
    lastMessageAt: c.lastMessageAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    labels,
    bot: c.bot ? { state: (c.bot as { state: 'active' | 'handed_over' | 'resolved' }).state, handoverReason: (c.bot as { handoverReason?: string | null }).handoverReason ?? null } : null,
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
    choices: m.choices ?? null,
    choice: (m.meta?.choice as MessageView['choice'] | undefined) ?? null,
  };
}
