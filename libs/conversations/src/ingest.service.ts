import { Injectable } from '@nestjs/common';
import { EntityManager, In, Not } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { isUniqueViolation } from '@app/platform/database/unique-violation.util';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { ConversationHooks } from './conversation-hooks';
import { DomainEvents } from './domain-events';
import { Attachment, Contact, ContactIdentity, Conversation, Message } from './entities';
import { previewOf } from './preview.util';

/** A customer's message as a channel adapter normalised it. */
export interface InboundCommand {
  channelId: string;
  /** The channel's own message id: the dedupe key. */
  externalId: string;
  sender: { externalId: string; name?: string | null };
  text: string;
  html?: string | null;
  attachments?: Attachment[];
  sentAt?: Date;
  /** Sent by a machine (RFC 3834 signs and the like): stored, never auto-answered. */
  automatic?: boolean;
  subject?: string | null;
  /** External ids of earlier messages this one answers (e-mail In-Reply-To / References). */
  threadRefs?: string[];
  /** A conversation id carried in the subject (`[#123]`). */
  threadToken?: number | null;
  meta?: Record<string, unknown>;
}

export interface IngestResult {
  duplicate: boolean;
  messageId: number;
  conversationId: number;
  createdConversation: boolean;
}

/**
 * Stores an inbound message in one transaction: dedupe, identity, conversation, message, hooks (SLA and
 * automatic replies). It resolves only after commit, so an adapter acknowledges its channel afterwards.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: DomainEvents,
    private readonly hooks: ConversationHooks,
    private readonly clock: Clock,
  ) {}

  async ingest(cmd: InboundCommand): Promise<IngestResult> {
    let outcome;
    try {
      outcome = await this.uow.run((m) => this.store(m, cmd));
    } catch (err) {
      // The same message (or a new contact) raced in through another transaction: run again and find it stored.
      if (!isUniqueViolation(err)) throw err;
      outcome = await this.uow.run((m) => this.store(m, cmd));
    }
    if (!outcome.duplicate) {
      this.events.emit('message.created', { message: outcome.message, conversation: outcome.conversation });
      this.events.emit('conversation.updated', { conversation: outcome.conversation, reason: 'inbound' });
      if (outcome.queuedReplies) this.events.emit('outbox.enqueued', { channelId: cmd.channelId });
    }
    return {
      duplicate: outcome.duplicate,
      messageId: outcome.message.id,
      conversationId: outcome.conversation.id,
      createdConversation: outcome.created,
    };
  }

  /**
   * A customer edited a message: the stored message shows the edit and keeps the first version.
   * Returns false when the message is unknown (the edit of a message from before the channel was connected).
   */
  async applyEdit(channelId: string, externalId: string, text: string, editedAt: Date): Promise<boolean> {
    const updated = await this.uow.run(async (m) => {
      const message = await m.findOneBy(Message, { channelId, externalId });
      if (!message) return null;
      if (message.editedAt && message.editedAt.getTime() >= editedAt.getTime()) return null; // a redelivered or older edit
      message.originalBody ??= message.body;
      message.body = text;
      message.editedAt = editedAt;
      await m.save(message);
      return { message, conversation: await m.findOneByOrFail(Conversation, { id: message.conversationId }) };
    });
    if (updated) this.events.emit('message.updated', updated);
    return updated !== null;
  }

  private async store(m: EntityManager, cmd: InboundCommand) {
    const existing = await m.findOneBy(Message, { channelId: cmd.channelId, externalId: cmd.externalId });
    if (existing) {
      const conversation = await m.findOneByOrFail(Conversation, { id: existing.conversationId });
      return { duplicate: true, message: existing, conversation, created: false, queuedReplies: false };
    }
    const now = this.clock.now();
    const identity = await this.identityFor(m, cmd, now);
    let conversation = await this.conversationFor(m, cmd, identity);
    const created = !conversation;
    conversation ??= m.create(Conversation, {
      channelId: cmd.channelId, contactId: identity.contactId, identityId: identity.id, status: 'open',
      assigneeId: null, subject: cmd.subject ?? null, waitingSince: now, awaitingReply: false, slaState: 'ok', slaClock: null, createdAt: now,
      firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, dueAt: null, warnAt: null,
    });
    if (!created && conversation.status !== 'open') {
      const from = conversation.status;
      conversation.status = 'open'; // a customer's message reopens resolved, pending and snoozed conversations
      await this.hooks.run(conversation, { kind: 'status', from, to: 'open' }, m, now);
    }
    // The oldest unanswered message sets the wait.
    if (!conversation.awaitingReply) conversation.waitingSince = now;
    conversation.awaitingReply = true;
    conversation.lastMessageAt = now;
    conversation.lastInboundAt = now;
    conversation.lastMessagePreview = previewOf(cmd.text || (cmd.attachments?.length ? `[${cmd.attachments[0].name}]` : ''));
    conversation.updatedAt = now;
    conversation = await m.save(conversation);

    const message = await m.save(m.create(Message, {
      conversationId: conversation.id, channelId: cmd.channelId, direction: 'in', body: cmd.text, bodyHtml: cmd.html ?? null,
      attachments: cmd.attachments?.length ? cmd.attachments : null, authorId: null, automatic: cmd.automatic ?? false,
      externalId: cmd.externalId, deliveryStatus: null, error: null, meta: cmd.meta ?? null, sentAt: cmd.sentAt ?? null,
      editedAt: null, originalBody: null, createdAt: now,
    }));
    const queuedReplies = await this.hooks.run(conversation, { kind: 'inbound', message, createdConversation: created }, m, now);
    conversation = await m.save(conversation);
    return { duplicate: false, message, conversation, created, queuedReplies };
  }

  private async identityFor(m: EntityManager, cmd: InboundCommand, now: Date): Promise<ContactIdentity> {
    const found = await m.findOneBy(ContactIdentity, { channelId: cmd.channelId, externalId: cmd.sender.externalId });
    if (found) {
      if (cmd.sender.name && found.displayName !== cmd.sender.name) {
        found.displayName = cmd.sender.name;
        await m.save(found);
      }
      return found;
    }
    const contact = await m.save(m.create(Contact, { name: cmd.sender.name || cmd.sender.externalId, createdAt: now, mergedIntoId: null }));
    return m.save(m.create(ContactIdentity, {
      contactId: contact.id, channelId: cmd.channelId, externalId: cmd.sender.externalId, displayName: cmd.sender.name ?? null, createdAt: now,
    }));
  }

  /** E-mail threads by references, then by the subject token; chats by the contact's open conversation. */
  private async conversationFor(m: EntityManager, cmd: InboundCommand, identity: ContactIdentity): Promise<Conversation | null> {
    if (cmd.threadRefs?.length) {
      const referenced = await m.findOne(Message, {
        where: { channelId: cmd.channelId, externalId: In(cmd.threadRefs) },
        order: { id: 'DESC' },
      });
      if (referenced) return m.findOneBy(Conversation, { id: referenced.conversationId });
    }
    if (cmd.threadToken) {
      const byToken = await m.findOneBy(Conversation, { id: cmd.threadToken, channelId: cmd.channelId, contactId: identity.contactId });
      if (byToken) return byToken;
    }
    return m.findOne(Conversation, {
      where: { channelId: cmd.channelId, identityId: identity.id, status: Not('resolved') },
      order: { id: 'DESC' },
    });
  }
}
