import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContactIdentity, Conversation, ConversationTx, DomainEvents, Message, previewOf } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { BroadcastDelivery } from '../entities/broadcast-delivery.entity';
import type { BroadcastDeliveryView, BroadcastOutcome } from './api-types';

/**
 * Asks the conversation's channel whether a free-form message may go out now (WhatsApp's 24-hour window);
 * resolves the reason when it may not. The API gives the channel adapters' `checkReply`.
 */
export type ReplyCheck = (conversation: Conversation, recipient: ContactIdentity) => Promise<string | null>;

export interface BroadcastMessage {
  /** What is told, unique per broadcast: `incident-update:12`, `feature-shipped:5`. */
  source: string;
  body: string;
  authorId: number | null;
  /** Kept on each message (e.g. `{ incidentUpdateId: 12 }`). */
  meta: Record<string, unknown>;
}

const INSERT_DELIVERY = `INSERT INTO broadcast_deliveries ("source", "conversationId", "channelId", "messageId", "status", "reason", "createdAt")
  VALUES (?, ?, ?, NULL, ?, ?, ?) ON CONFLICT ("source", "conversationId") DO NOTHING`;

/**
 * One message to each of many conversations, each through its own channel via the outbox. Each conversation is
 * its own transaction: the delivery row (unique per source and conversation) is inserted first and the message is
 * queued only if this transaction inserted it, so a repeated or concurrent request, or one resumed after a crash,
 * sends nothing twice. The message is not an answer: it does not stop SLA clocks nor reopen a resolved dialogue
 * (the customer's reply does).
 */
@Injectable()
export class Broadcasts {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async send(message: BroadcastMessage, conversationIds: number[], checkReply: ReplyCheck): Promise<BroadcastOutcome> {
    for (const conversationId of [...new Set(conversationIds)].sort((a, b) => a - b)) {
      await this.sendOne(message, conversationId, checkReply);
    }
    return this.outcome(message.source);
  }

  /** Every conversation told (or not) for this source, with each message's delivery status as it is now. */
  async outcome(source: string): Promise<BroadcastOutcome> {
    const rows = await this.db.getRepository(BroadcastDelivery).find({ where: { source }, order: { conversationId: 'ASC' } });
    const messageIds = rows.map((r) => r.messageId).filter((id): id is number => id !== null);
    const messages = new Map((messageIds.length ? await this.db.getRepository(Message).findBy(messageIds.map((id) => ({ id }))) : []).map((m) => [m.id, m]));
    const deliveries: BroadcastDeliveryView[] = rows.map((r) => {
      const m = r.messageId === null ? undefined : messages.get(r.messageId);
      const status = r.status === 'unreachable' ? 'unreachable' : m?.deliveryStatus ?? 'queued';
      return { conversationId: r.conversationId, channelId: r.channelId, messageId: r.messageId, status, reason: r.reason ?? (status === 'failed' ? m?.error ?? null : null) };
    });
    const unreachable = deliveries.filter((d) => d.status === 'unreachable' || d.status === 'failed');
    return { source, total: deliveries.length, reached: deliveries.length - unreachable.length, unreachable, deliveries };
  }

  private async sendOne(message: BroadcastMessage, conversationId: number, checkReply: ReplyCheck): Promise<void> {
    const current = await this.db.getRepository(Conversation).findOneBy({ id: conversationId });
    if (!current) return;
    if (await this.db.getRepository(BroadcastDelivery).existsBy({ source: message.source, conversationId })) return;
    const recipient = await this.db.getRepository(ContactIdentity).findOneBy({ id: current.identityId });
    // Asked outside the transaction: the channel may read the database itself (the WhatsApp window).
    const refusal = recipient ? await checkReply(current, recipient) : 'the conversation has no address to write to';
    const queued = await ConversationTx.within(this.uow, async (tx) => {
      const c = await tx.conversation('id = ?', [conversationId]);
      if (!c) return null;
      const now = this.clock.now();
      const inserted = await tx.sql.run(INSERT_DELIVERY, [message.source, c.id, c.channelId, refusal ? 'unreachable' : 'queued', refusal, now.getTime()]);
      if (!inserted || refusal) return null;
      const sent = await tx.addMessage(c, { direction: 'out', body: message.body, authorId: message.authorId, automatic: false, meta: message.meta }, now);
      c.lastMessagePreview = previewOf(message.body);
      await tx.updateConversation(c);
      await tx.flush();
      await tx.sql.run('UPDATE broadcast_deliveries SET "messageId" = ? WHERE "source" = ? AND "conversationId" = ?', [sent.id, message.source, c.id]);
      return { message: sent, conversation: c };
    });
    if (!queued) return;
    this.events.emit('message.created', queued);
    this.events.emit('conversation.updated', { conversation: queued.conversation, reason: 'broadcast' });
    this.events.emit('outbox.enqueued', { channelId: queued.conversation.channelId });
  }
}
