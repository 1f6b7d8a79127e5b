import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/platform/clock/clock';
import { isTransientConflict } from '@app/platform/database/database-busy.util';
import type { InboundMessage } from '@app/platform/contracts/inbound-message';
import { isUniqueViolation } from '@app/platform/database/unique-violation.util';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { ChoiceAnswer, choiceAnswers } from './choice-offers';
import { ConversationHooks } from './conversation-hooks';
import { ConversationTx } from './conversation-tx';
import { DomainEvents } from './domain-events';
import { Conversation, Message } from './entities';
import { channelKey, IdentityRef, InboundBatch, threadsBySender } from './inbound-batch';
import { laneOf } from './ingest-lane.util';
import { cleanText, fitId, INBOUND_LIMITS, normaliseInbound, storableText } from './inbound-text.util';
import { previewOf } from './preview.util';
import { customerLanguage } from '@app/platform/language/customer-language.util';

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
  | { duplicate: false; message: Message; conversation: Conversation; created: boolean; queuedReplies: boolean }
  /** The same message twice in one batch: the later one is a duplicate of the first. */
  | { duplicateOf: number };

interface Lane {
  queue: Pending[];
  flushScheduled: boolean;
  flushing: boolean;
}

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
  /**
   * One queue per lane, each stored one batch at a time. PostgreSQL gets two lanes, split by sender: while one
   * batch waits on the database the other's JavaScript runs, and a sender's messages stay in one lane, in order.
   * Lanes meet only where a mail threads into another sender's conversation: its row lock makes them take turns.
   * SQLite has one writer: one lane.
   */
  private readonly lanes: Lane[];

  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: DomainEvents,
    private readonly hooks: ConversationHooks,
    private readonly clock: Clock,
  ) {
    this.lanes = Array.from({ length: uow.parallelism }, () => ({ queue: [], flushScheduled: false, flushing: false }));
  }

  /** Stores one message, its strings cleaned by the one inbound rule first (inbound-text.util). */
  ingest(cmd: InboundCommand): Promise<IngestResult> {
    const normalised = normaliseInbound(cmd);
    const lane = this.lanes[laneOf(channelKey(normalised.channelId, normalised.sender.externalId), this.lanes.length)];
    return new Promise((resolve, reject) => {
      lane.queue.push({ cmd: normalised, resolve, reject });
      if (!lane.flushScheduled) {
        lane.flushScheduled = true;
        setImmediate(() => void this.flush(lane));
      }
    });
  }

  /**
   * A customer edited a message: the stored message shows the edit and keeps the first version.
   * Returns false when the message is unknown (the edit of a message from before the channel was connected).
   */
  async applyEdit(channelId: string, rawExternalId: string, edited: string, editedAt: Date): Promise<boolean> {
    const externalId = fitId(storableText(rawExternalId), INBOUND_LIMITS.messageId);
    const text = cleanText(edited);
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

  private async flush(lane: Lane): Promise<void> {
    lane.flushScheduled = false;
    if (lane.flushing) return;
    lane.flushing = true;
    try {
      while (lane.queue.length) await this.storeBatch(lane.queue.splice(0, MAX_BATCH));
    } finally {
      lane.flushing = false;
    }
  }

  private async storeBatch(batch: Pending[], attempt = 1): Promise<void> {
    let stored: Stored[];
    try {
      stored = await ConversationTx.within(this.uow, (tx) => this.storeAll(tx, batch.map((p) => p.cmd)));
    } catch (err) {
      if (batch.length > 1) {
        // One bad message must not fail the rest: store each on its own.
        for (const item of batch) await this.storeBatch([item]);
      } else if ((isUniqueViolation(err) || isTransientConflict(err)) && attempt < 3) {
        // The same message or contact raced in through another process, or PostgreSQL broke a lock cycle: again.
        await this.storeBatch(batch, attempt + 1);
      } else {
        this.logger.error(`inbound message ${batch[0].cmd.channelId}/${batch[0].cmd.externalId} not stored: ${(err as Error).message}`);
        batch[0].reject(err);
      }
      return;
    }
    const results = stored.map((s, i) => ('duplicateOf' in s ? null : this.publish(batch[i].cmd, s)));
    stored.forEach((s, i) => {
      const own = 'duplicateOf' in s ? { ...results[s.duplicateOf]!, duplicate: true, createdConversation: false } : results[i]!;
      batch[i].resolve(own);
    });
  }

  private publish(cmd: InboundCommand, s: Exclude<Stored, { duplicateOf: number }>): IngestResult {
    if (s.duplicate) return { duplicate: true, messageId: s.messageId, conversationId: s.conversationId, createdConversation: false };
    this.events.emit('message.created', { message: s.message, conversation: s.conversation });
    this.events.emit('conversation.updated', { conversation: s.conversation, reason: 'inbound' });
    if (s.queuedReplies) this.events.emit('outbox.enqueued', { channelId: cmd.channelId });
    return { duplicate: false, messageId: s.message.id, conversationId: s.conversation.id, createdConversation: s.created };
  }

  /**
   * A batch in one transaction, set-based: redeliveries, senders and their open chats are read with one
   * statement each, new contacts and chats inserted together; then each message in order (its hooks may queue
   * automatic replies); the messages, outbox rows and conversation changes are written together at the end.
   */
  private async storeAll(tx: ConversationTx, cmds: InboundCommand[]): Promise<Stored[]> {
    const now = this.clock.now();
    const stored = await InboundBatch.storedMessages(tx, cmds);
    const out: Stored[] = new Array(cmds.length);
    const firstOf = new Map<string, number>();
    const fresh: number[] = [];
    cmds.forEach((cmd, i) => {
      const key = channelKey(cmd.channelId, cmd.externalId);
      const found = stored.get(key);
      if (found) out[i] = { duplicate: true, messageId: found.id, conversationId: found.conversationId };
      else if (firstOf.has(key)) out[i] = { duplicateOf: firstOf.get(key)! };
      else {
        firstOf.set(key, i);
        fresh.push(i);
      }
    });
    if (!fresh.length) return out;

    const identities = await InboundBatch.identities(tx, fresh.map((i) => cmds[i]), now);
    // Looked up once per message: the hooks below ask for a sender's identity several times.
    const senders = new Map(fresh.map((i) => [cmds[i], identities.get(channelKey(cmds[i].channelId, cmds[i].sender.externalId))!]));
    const identityOf = (cmd: InboundCommand) => senders.get(cmd)!;
    // A pressed choice belongs to the conversation that offered it, resolved or not: it never opens another.
    const answers = await choiceAnswers(tx, fresh.map((i) => cmds[i]), identityOf, now);
    const chats = fresh.map((i) => cmds[i]).filter((cmd) => threadsBySender(cmd) && !answers.has(cmd));
    const open = await InboundBatch.openConversations(tx, chats.map((cmd) => identityOf(cmd).id));
    const created = new Set<Conversation>();
    for (const cmd of chats) {
      const identity = identityOf(cmd);
      if (open.has(identity.id)) continue;
      const conversation = newConversation(cmd, identity, now);
      open.set(identity.id, conversation);
      created.add(conversation);
    }
    await tx.insertConversations([...created]);
    // Every conversation this batch holds, by id: a message threaded to one of them uses it as it is.
    const held = new Map([...open.values()].map((c) => [c.id, c]));

    for (const i of fresh) {
      const cmd = cmds[i];
      const identity = identityOf(cmd);
      const answer = answers.get(cmd);
      if (answer) {
        const offering = await this.hold(tx, held, 'id = ?', [answer.offeredBy.conversationId]);
        if (offering) {
          out[i] = await this.storeChoice(tx, cmd, offering, answer, now);
          continue;
        }
      }
      let conversation = threadsBySender(cmd) ? open.get(identity.id)! : await this.threadedConversation(tx, cmd, identity, held);
      if (!conversation) {
        conversation = newConversation(cmd, identity, now);
        await tx.insertConversation(conversation);
        held.set(conversation.id, conversation);
        created.add(conversation);
      }
      const isNew = created.delete(conversation); // only the message that opened it counts as creating it
      const stored = this.store(tx, cmd, conversation, isNew, now);
      out[i] = stored instanceof Promise ? await stored : stored;
    }
    return out;
  }

  /**
   * Stores a customer's message in its conversation. Answers at once when every hook does (most messages of a
   * batch), else with a promise: the batch's loop runs thousands of these, and a promise each cost more than the rest.
   */
  private store(tx: ConversationTx, cmd: InboundCommand, conversation: Conversation, created: boolean, now: Date): Stored | Promise<Stored> {
    if (!created && conversation.status !== 'open') {
      const from = conversation.status;
      conversation.status = 'open'; // a customer's message reopens resolved, pending and snoozed conversations
      const reopened = this.hooks.run(conversation, { kind: 'status', from, to: 'open' }, tx, now);
      if (reopened instanceof Promise) return reopened.then(() => this.storeInbound(tx, cmd, conversation, created, now));
    }
    return this.storeInbound(tx, cmd, conversation, created, now);
  }

  private storeInbound(tx: ConversationTx, cmd: InboundCommand, conversation: Conversation, created: boolean, now: Date): Stored | Promise<Stored> {
    // A language the channel learns later (a first message without it) still counts.
    conversation.language ??= customerLanguage(cmd.language);
    // The oldest unanswered message sets the wait.
    if (!conversation.awaitingReply) conversation.waitingSince = now;
    conversation.awaitingReply = true;
    conversation.lastMessageAt = now;
    conversation.lastInboundAt = now;
    conversation.lastMessagePreview = previewOf(cmd.text || (cmd.attachments?.length ? `[${cmd.attachments[0].name}]` : ''));
    conversation.updatedAt = now;

    const message = tx.insertMessage(conversation, {
      channelId: cmd.channelId, direction: 'in', body: cmd.text, bodyHtml: cmd.html ?? null,
      attachments: cmd.attachments?.length ? cmd.attachments : null, authorId: null, automatic: cmd.automatic ?? false,
      externalId: cmd.externalId, deliveryStatus: null, error: null, meta: cmd.meta ?? null, sentAt: cmd.sentAt ?? null,
      editedAt: null, originalBody: null, createdAt: now,
    });
    const stored = (queuedReplies: boolean): Stored => {
      tx.updateConversation(conversation);
      return { duplicate: false, message, conversation, created, queuedReplies };
    };
    const queued = this.hooks.run(conversation, { kind: 'inbound', message, createdConversation: created }, tx, now);
    return queued instanceof Promise ? queued.then(stored) : stored(queued);
  }

  /**
   * A press of a choice (or its number typed back): stored in the offering conversation for the consumers (the
   * survey, the bot) to react to in the same transaction; the conversation is not reopened, not made to wait for an
   * answer and not re-sorted, and the SLA hook ignores it.
   */
  private async storeChoice(tx: ConversationTx, cmd: InboundCommand, conversation: Conversation, answer: ChoiceAnswer, now: Date): Promise<Stored> {
    conversation.lastInboundAt = now;
    conversation.updatedAt = now;
    const message = tx.insertMessage(conversation, {
      channelId: cmd.channelId, direction: 'in', body: cmd.text.trim() ? cmd.text : answer.choice.label,
      bodyHtml: null, attachments: null, authorId: null, automatic: false, externalId: cmd.externalId, deliveryStatus: null, error: null,
      meta: { ...(cmd.meta ?? {}), choice: { id: answer.choice.id, messageId: answer.offeredBy.id } }, sentAt: cmd.sentAt ?? null,
      editedAt: null, originalBody: null, createdAt: now,
    });
    const queuedReplies = await this.hooks.run(conversation, { kind: 'choice', message, choice: answer.choice, offeredBy: answer.offeredBy }, tx, now);
    tx.updateConversation(conversation);
    return { duplicate: false, message, conversation, created: false, queuedReplies };
  }

  /** E-mail threads by references, then by the subject token; without them, by the sender's open conversation. */
  private async threadedConversation(tx: ConversationTx, cmd: InboundCommand, identity: IdentityRef, held: Map<number, Conversation>): Promise<Conversation | null> {
    const refs = (cmd.threadRefs ?? []).slice(-20);
    if (refs.length) {
      const list = tx.sql.inList('"externalId"', refs);
      const [referenced] = await tx.sql.all<{ conversationId: number }>(
        `SELECT "conversationId" FROM messages WHERE "channelId" = ? AND ${list.sql} ORDER BY id DESC LIMIT 1`, [cmd.channelId, list.param]);
      if (referenced) return this.hold(tx, held, 'id = ?', [Number(referenced.conversationId)]);
    }
    if (cmd.threadToken) {
      const byToken = await this.hold(tx, held, 'id = ? AND "channelId" = ? AND "contactId" = ?', [cmd.threadToken, cmd.channelId, identity.contactId]);
      if (byToken) return byToken;
    }
    if (cmd.threadedByReferences) return null;
    return this.hold(tx, held, '"channelId" = ? AND "identityId" = ? AND status <> ?', [cmd.channelId, identity.id, 'resolved']);
  }

  /** Reads a conversation; one this batch already holds is used as it is (one object per row, its pending changes kept). */
  private async hold(tx: ConversationTx, held: Map<number, Conversation>, where: string, params: unknown[]): Promise<Conversation | null> {
    const read = await tx.conversation(where, params);
    if (!read) return null;
    const mine = held.get(read.id);
    if (mine) return mine;
    held.set(read.id, read);
    return read;
  }
}

function newConversation(cmd: InboundCommand, identity: IdentityRef, now: Date): Conversation {
  return Object.assign(new Conversation(), {
    channelId: cmd.channelId, contactId: identity.contactId, identityId: identity.id, status: 'open', assigneeId: null,
    subject: cmd.subject ?? null, lastMessagePreview: null, lastMessageAt: now, lastInboundAt: null, awaitingReply: false,
    waitingSince: now, firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null,
    dueAt: null, warnAt: null, slaState: 'ok', slaClock: null, snoozedUntil: null, unreadCount: 0, teamId: null, queuedAt: null, bot: null, heldByBot: false, createdAt: now, updatedAt: now,
    language: customerLanguage(cmd.language), topic: cmd.topic ?? null, offerMessageId: null,
  } satisfies Omit<Conversation, 'id'>);
}
