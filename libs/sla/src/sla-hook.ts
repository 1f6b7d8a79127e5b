import { Injectable, OnModuleInit } from '@nestjs/common';
import { AgentPresence } from '@app/agents';
import { Conversation, ConversationChange, ConversationHook, ConversationHooks, ConversationTx, heldByBot, Message } from '@app/conversations';
import { expectedWaitMs, isHighLoad } from './policy/expected-wait.util';
import { PolicyRegistry } from './policy/policy-registry.service';
import { formatMoment, humanizeWait, renderTemplates } from './policy/render-template.util';
import { customerLanguage } from '@app/platform/language/customer-language.util';
import { SlaPolicy } from './policy/sla-policy';
import { applySlaEvent, sameSlaClock, SlaClockState, slaClockOf, SlaDeadlines, SlaEvent, slaDeadlines, storedSlaClock } from './sla-clock-state';
import { slaStateAt } from './sla-state.util';

const HOUR = 3_600_000;
/** The queue figures behind the high-load notice are re-read at most this often per channel. */
const LOAD_TTL_MS = 1000;

interface LoadFigures {
  readAt: number;
  unanswered: number;
  createdSince: number;
  recentMedianFirstResponse: number | null;
}

/**
 * Keeps each conversation's deadlines current inside the transaction that changes it, records whether an
 * agent's answer met its target, and queues the automatic acknowledgement or high-load notice.
 */
@Injectable()
export class SlaHook implements ConversationHook, OnModuleInit {
  readonly reactsTo = ['inbound', 'reply', 'status', 'handover'] as const;
  private readonly load = new Map<string, LoadFigures>();

  constructor(
    private readonly hooks: ConversationHooks,
    private readonly policies: PolicyRegistry,
    private readonly presence: AgentPresence,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  onChange(conversation: Conversation, change: ConversationChange, tx: ConversationTx, at: Date): boolean | Promise<boolean> {
    const event = toSlaEvent(change, at);
    if (!event) return false;
    // While the bot holds the conversation nobody is waiting for an agent: the clock starts at the handover.
    if (event.type === 'inbound' && heldByBot(conversation)) return false;
    const policy = this.policies.forChannel(conversation.channelId);
    const before = slaClockOf(conversation.slaClock);
    const state = applySlaEvent(before, event, policy);
    const deadlines = slaDeadlines(state, policy);
    // Kept as it is when unchanged: the stored object's text is known, so the write finds no change without re-encoding it.
    if (!sameSlaClock(before, state)) conversation.slaClock = storedSlaClock(state);
    applyDeadlines(conversation, deadlines, at);

    // Met or missed is read from the deadlines the reply answered (worked out for replies only: ingest runs this per message).
    if (change.kind === 'reply') return this.recordAnswer(tx, conversation, before, slaDeadlines(before, policy), change.message, at).then(() => false);
    if (change.kind === 'inbound' && change.createdConversation) return this.greet(tx, conversation, change.message, policy, deadlines, at);
    return false;
  }

  /** met / missed for the response target the reply answered, for the SLA report. */
  private async recordAnswer(tx: ConversationTx, c: Conversation, state: SlaClockState, previous: SlaDeadlines, reply: Message, at: Date) {
    const target = previous.firstResponseDueAt ? 'firstResponse' : previous.nextResponseDueAt ? 'nextResponse' : null;
    if (!target) return;
    const dueAt = (target === 'firstResponse' ? previous.firstResponseDueAt : previous.nextResponseDueAt)!;
    const since = target === 'firstResponse' ? state.firstResponseSince : state.waitingSince;
    await tx.sql.insert(
      'INSERT INTO sla_events ("conversationId", "channelId", kind, target, "dueAt", "startedAt", "at", "agentId") VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [c.id, c.channelId, at.getTime() <= dueAt.getTime() ? 'met' : 'missed', target, dueAt.getTime(), since, at.getTime(), reply.authorId],
    );
  }

  /** A new conversation: the acknowledgement (e-mail) or, under high load, the longer-wait notice (chat). */
  private async greet(tx: ConversationTx, c: Conversation, inbound: Message, policy: SlaPolicy, deadlines: SlaDeadlines, at: Date): Promise<boolean> {
    if (inbound.automatic) return false; // RFC 3834: never answer automatic mail
    const ack = policy.autoAcknowledge;
    if (ack.enabled && deadlines.firstResponseDueAt && !(await this.ackedRecently(tx, c, at, ack.perSenderWindow))) {
      const due = deadlines.firstResponseDueAt;
      const text = renderTemplates(ack.templates, customerLanguage(c.language) ?? ack.language, (lang) => ({ dueAt: formatMoment(due, policy.timeZone, lang), conversationId: String(c.id) }));
      await tx.queueAutomatic(c, text, { kind: 'acknowledgement', inReplyTo: inbound.externalId }, at);
      return true;
    }
    if (policy.highLoadNotice.enabled && this.policies.isChat(c.channelId)) {
      const wait = await this.expectedWait(tx, c, policy, at);
      if (isHighLoad(wait, policy.firstResponse)) {
        const text = renderTemplates(policy.highLoadNotice.templates, customerLanguage(c.language) ?? policy.highLoadNotice.language, (lang) => ({ wait: humanizeWait(wait, lang) }));
        await tx.queueAutomatic(c, text, { kind: 'high-load-notice' }, at);
        return true;
      }
    }
    return false;
  }

  private async ackedRecently(tx: ConversationTx, c: Conversation, at: Date, windowMs: number): Promise<boolean> {
    const [row] = await tx.sql.all<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM messages m JOIN conversations c ON c.id = m."conversationId"
       WHERE c."identityId" = ? AND m.automatic = ? AND m.direction = 'out' AND m."createdAt" >= ? AND m.meta LIKE ?`,
      [c.identityId, true, at.getTime() - windowMs, '%"kind":"acknowledgement"%']);
    return Number(row.n) > 0;
  }

  /**
   * The queue behind a new chat. The counts are re-read at most once a second per channel (a burst of new
   * chats would otherwise count the same rows again and again); chats opened since then are added.
   */
  private async expectedWait(tx: ConversationTx, c: Conversation, policy: SlaPolicy, at: Date): Promise<number> {
    let figures = this.load.get(c.channelId);
    if (!figures || at.getTime() - figures.readAt >= LOAD_TTL_MS || at.getTime() < figures.readAt) {
      const [count] = await tx.sql.all<{ n: number | string }>(
        'SELECT COUNT(*) AS n FROM conversations WHERE "channelId" = ? AND status = ? AND "awaitingReply" = ? AND id <> ?',
        [c.channelId, 'open', true, c.id]);
      const recent = await tx.sql.all<{ at: number | string; startedAt: number | string }>(
        'SELECT "at", "startedAt" FROM sla_events WHERE "channelId" = ? AND target = ? AND "at" >= ? AND "startedAt" IS NOT NULL',
        [c.channelId, 'firstResponse', at.getTime() - HOUR]);
      const times = recent.map((e) => Number(e.at) - Number(e.startedAt)).sort((a, b) => a - b);
      figures = { readAt: at.getTime(), unanswered: Number(count.n), createdSince: 0, recentMedianFirstResponse: times.length ? times[Math.floor((times.length - 1) / 2)] : null };
      this.load.set(c.channelId, figures);
    } else {
      figures.createdSince += 1;
    }
    return expectedWaitMs({
      unanswered: figures.unanswered + figures.createdSince,
      agentsOnline: this.presence.onlineCount(),
      chatsPerAgent: policy.highLoadNotice.chatsPerAgent,
      firstResponseTarget: policy.firstResponse,
      recentMedianFirstResponse: figures.recentMedianFirstResponse,
    });
  }
}

function toSlaEvent(change: ConversationChange, at: Date): SlaEvent | null {
  switch (change.kind) {
    case 'inbound':
      return change.message.automatic ? null : { type: 'inbound', at };
    case 'reply':
      return change.message.automatic ? null : { type: 'reply', at };
    case 'status':
      return { type: 'status', at, status: change.to };
    case 'handover': // the customer waits for an agent from the bot's handover, as if they had written then
      return { type: 'inbound', at };
    case 'assignment':
    case 'note':
    case 'choice': // a pressed button (a survey's rating) is not a customer waiting for an answer
      return null;
  }
}

export function applyDeadlines(c: Conversation, d: SlaDeadlines, at: Date): void {
  c.firstResponseDueAt = d.firstResponseDueAt;
  c.nextResponseDueAt = d.nextResponseDueAt;
  c.resolutionDueAt = d.resolutionDueAt;
  c.firstRespondedAt = d.firstRespondedAt;
  c.dueAt = d.dueAt;
  c.warnAt = d.warnAt;
  c.slaState = slaStateAt(d.dueAt, d.warnAt, at);
}
