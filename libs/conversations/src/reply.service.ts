import { Injectable } from '@nestjs/common';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { ConversationHooks } from './conversation-hooks';
import { ConversationTx } from './conversation-tx';
import { DomainEvents } from './domain-events';
import { Attachment, Conversation, Message, OutboxEntry } from './entities';
import { ConflictError, NotFoundError } from './errors';
import { previewOf } from './preview.util';

export type ReplyKind = 'reply' | 'note';

/**
 * Agents' replies and notes, and automatic messages. A reply is a message plus its outbox row in one
 * transaction, so a crash after commit still sends it; a note never leaves the inbox.
 */
@Injectable()
export class ReplyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: DomainEvents,
    private readonly hooks: ConversationHooks,
    private readonly clock: Clock,
  ) {}

  /** `meta` travels with the message to the hooks (a note's reminder), inside the same transaction. */
  async reply(conversationId: number, authorId: number | null, body: string, kind: ReplyKind, attachments: Attachment[] = [], meta?: Record<string, unknown>): Promise<Message> {
    const { message, conversation } = await ConversationTx.within(this.uow, async (tx) => {
      const conversation = await tx.conversation('id = ?', [conversationId]);
      if (!conversation) throw new NotFoundError('conversation', conversationId);
      const now = this.clock.now();
      const message = await tx.addMessage(conversation, { direction: kind === 'note' ? 'note' : 'out', body, authorId, automatic: false, attachments, meta }, now);
      if (kind === 'reply') {
        conversation.awaitingReply = false;
        conversation.waitingSince = now;
        conversation.lastMessagePreview = previewOf(body || (attachments.length ? `[${attachments[0].name}]` : ''));
        await this.hooks.run(conversation, { kind: 'reply', message }, tx, now);
      } else {
        await this.hooks.run(conversation, { kind: 'note', message }, tx, now);
      }
      await tx.updateConversation(conversation);
      return { message, conversation };
    });
    this.events.emit('message.created', { message, conversation });
    this.events.emit('conversation.updated', { conversation, reason: kind });
    if (kind === 'reply') this.events.emit('outbox.enqueued', { channelId: conversation.channelId });
    return message;
  }

  /** Puts a failed message back in the outbox for another round of attempts. */
  async retry(messageId: number): Promise<Message> {
    const { message, conversation } = await this.uow.run(async (m) => {
      const message = await m.findOneBy(Message, { id: messageId });
      if (!message) throw new NotFoundError('message', messageId);
      if (message.deliveryStatus !== 'failed') throw new ConflictError(`message ${messageId} is ${message.deliveryStatus ?? 'not outbound'}, only a failed message can be retried`);
      const now = this.clock.now();
      message.deliveryStatus = 'queued';
      message.error = null;
      await m.save(message);
      await m.update(OutboxEntry, { messageId }, { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, claimedBy: null, claimExpiresAt: null, updatedAt: now });
      return { message, conversation: await m.findOneByOrFail(Conversation, { id: message.conversationId }) };
    });
    this.events.emit('message.updated', { message, conversation });
    this.events.emit('outbox.enqueued', { channelId: message.channelId });
    return message;
  }
}
