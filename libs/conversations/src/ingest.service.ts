import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/platform/clock/clock';
import type { InboundMessage } from '@app/platform/contracts/inbound-message';
import { isUniqueViolation } from '@app/platform/database/unique-violation.util';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { ConversationHooks } from './conversation-hooks';
import { ConversationTx } from './conversation-tx';
import { DomainEvents } from './domain-events';
import { Conversation, Message } from './entities';
import { previewOf } from './preview.util';

/** A customer's message as a channel adapter normalised it, with the channel it came in on. */
export interface InboundCommand extends InboundMessage {
  channelId: string;
}

export interface IngestResult {
  duplicate: boolean;
  messageId: number;
  conversationId: number;
  createdConversation: boolean;
}

/** At most this many messages share one transaction (group commit). */
const MAX_BATCH = 2000;

type Stored =
  | { duplicate: true; messageId: number; conversationId: number }
  | { duplicate: false; message: Message; conversation: Conversation; created: boolean; queuedReplies: boolean };

interface Pending {
  cmd: InboundCommand;
  resolve: (result: IngestResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Stores inbound messages: dedupe, identity, conversation, message, hooks (SLA and automatic replies).
 * Messages arriving together share one transaction (group commit), and each caller's promise resolves only
 * after that commit, so an adapter acknowledges its channel only for what is stored.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  private readonly queue: Pending[] = [];
  private flushScheduled = false;
  private flushing = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: DomainEvents,
    private readonly hooks: ConversationHooks,
    private readonly clock: Clock,
  ) {}

  ingest(cmd: InboundCommand): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ cmd, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flush());
      }
    });
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

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length) await this.storeBatch(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.flushing = false;
    }
  }

  private async storeBatch(batch: Pending[], attempt = 1): Promise<void> {
    let stored: Stored[];
    try {
      stored = await this.uow.runSql(async (sql) => {
        const tx = new ConversationTx(sql);
        const out: Stored[] = [];
        for (const item of batch) out.push(await this.store(tx, item.cmd));
        return out;
      });
    } catch (err) {
      if (batch.length > 1) {
        // One bad message must not fail the rest: store each on its own.
        for (const item of batch) await this.storeBatch([item]);
      } else if (isUniqueViolation(err) && attempt === 1) {
        // The same message or contact raced in through another process: again, and find it stored.
        await this.storeBatch(batch, 2);
      } else {
        this.logger.error(`inbound message ${batch[0].cmd.channelId}/${batch[0].cmd.externalId} not stored: ${(err as Error).message}`);
        batch[0].reject(err);
      }
      return;
    }
    stored.forEach((s, i) => batch[i].resolve(this.publish(batch[i].cmd, s)));
  }

  private publish(cmd: InboundCommand, s: Stored): IngestResult {
    if (s.duplicate) return { duplicate: true, messageId: s.messageId, conversationId: s.conversationId, createdConversation: false };
    this.events.emit('message.created', { message: s.message, conversation: s.conversation });
    this.events.emit('conversation.updated', { conversation: s.conversation, reason: 'inbound' });
    if (s.queuedReplies) this.events.emit('outbox.enqueued', { channelId: cmd.channelId });
    return { duplicate: false, messageId: s.message.id, conversationId: s.conversation.id, createdConversation: s.created };
  }

  private async store(tx: ConversationTx, cmd: InboundCommand): Promise<Stored> {
    const [existing] = await tx.sql.all<{ id: number; conversationId: number }>(
      'SELECT id, "conversationId" FROM messages WHERE "channelId" = ? AND "externalId" = ?', [cmd.channelId, cmd.externalId]);
    if (existing) return { duplicate: true, messageId: Number(existing.id), conversationId: Number(existing.conversationId) };

    const now = this.clock.now();
    const identity = await this.identityFor(tx, cmd, now);
    let conversation = await this.conversationFor(tx, cmd, identity);
    const created = !conversation;
    if (!conversation) {
      conversation = Object.assign(new Conversation(), {
        channelId: cmd.channelId, contactId: identity.contactId, identityId: identity.id, status: 'open', assigneeId: null,
        subject: cmd.subject ?? null, lastMessagePreview: null, lastMessageAt: now, lastInboundAt: null, awaitingReply: false,
        waitingSince: now, firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null,
        dueAt: null, warnAt: null, slaState: 'ok', slaClock: null, createdAt: now, updatedAt: now,
      } satisfies Omit<Conversation, 'id'>);
      await tx.insertConversation(conversation);
    } else if (conversation.status !== 'open') {
      const from = conversation.status;
      conversation.status = 'open'; // a customer's message reopens resolved, pending and snoozed conversations
      await this.hooks.run(conversation, { kind: 'status', from, to: 'open' }, tx, now);
    }
    // The oldest unanswered message sets the wait.
    if (!conversation.awaitingReply) conversation.waitingSince = now;
    conversation.awaitingReply = true;
    conversation.lastMessageAt = now;
    conversation.lastInboundAt = now;
    conversation.lastMessagePreview = previewOf(cmd.text || (cmd.attachments?.length ? `[${cmd.attachments[0].name}]` : ''));
    conversation.updatedAt = now;

    const message = await tx.insertMessage({
      conversationId: conversation.id, channelId: cmd.channelId, direction: 'in', body: cmd.text, bodyHtml: cmd.html ?? null,
      attachments: cmd.attachments?.length ? cmd.attachments : null, authorId: null, automatic: cmd.automatic ?? false,
      externalId: cmd.externalId, deliveryStatus: null, error: null, meta: cmd.meta ?? null, sentAt: cmd.sentAt ?? null,
      editedAt: null, originalBody: null, createdAt: now,
    });
    const queuedReplies = await this.hooks.run(conversation, { kind: 'inbound', message, createdConversation: created }, tx, now);
    await tx.updateConversation(conversation);
    return { duplicate: false, message, conversation, created, queuedReplies };
  }

  private async identityFor(tx: ConversationTx, cmd: InboundCommand, now: Date): Promise<{ id: number; contactId: number }> {
    const [found] = await tx.sql.all<{ id: number; contactId: number; displayName: string | null }>(
      'SELECT id, "contactId", "displayName" FROM contact_identities WHERE "channelId" = ? AND "externalId" = ?', [cmd.channelId, cmd.sender.externalId]);
    if (found) {
      if (cmd.sender.name && found.displayName !== cmd.sender.name) {
        await tx.sql.run('UPDATE contact_identities SET "displayName" = ? WHERE id = ?', [cmd.sender.name, found.id]);
      }
      return { id: Number(found.id), contactId: Number(found.contactId) };
    }
    const contactId = await tx.sql.insert('INSERT INTO contacts (name, "createdAt", "mergedIntoId") VALUES (?, ?, NULL) RETURNING id',
      [cmd.sender.name || cmd.sender.externalId, now.getTime()]);
    const id = await tx.sql.insert('INSERT INTO contact_identities ("contactId", "channelId", "externalId", "displayName", "createdAt") VALUES (?, ?, ?, ?, ?) RETURNING id',
      [contactId, cmd.channelId, cmd.sender.externalId, cmd.sender.name ?? null, now.getTime()]);
    return { id, contactId };
  }

  /** E-mail threads by references, then by the subject token; chats by the identity's open conversation. */
  private async conversationFor(tx: ConversationTx, cmd: InboundCommand, identity: { id: number; contactId: number }): Promise<Conversation | null> {
    const refs = (cmd.threadRefs ?? []).slice(-20);
    if (refs.length) {
      const [referenced] = await tx.sql.all<{ conversationId: number }>(
        `SELECT "conversationId" FROM messages WHERE "channelId" = ? AND "externalId" IN (${refs.map(() => '?').join(', ')}) ORDER BY id DESC LIMIT 1`,
        [cmd.channelId, ...refs]);
      if (referenced) return tx.conversation('id = ?', [Number(referenced.conversationId)]);
    }
    if (cmd.threadToken) {
      const byToken = await tx.conversation('id = ? AND "channelId" = ? AND "contactId" = ?', [cmd.threadToken, cmd.channelId, identity.contactId]);
      if (byToken) return byToken;
    }
    if (cmd.threadedByReferences) return null;
    return tx.conversation('"channelId" = ? AND "identityId" = ? AND status <> ?', [cmd.channelId, identity.id, 'resolved']);
  }
}
