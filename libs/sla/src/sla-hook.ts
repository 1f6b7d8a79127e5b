import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, MoreThanOrEqual } from 'typeorm';
import { AgentPresence } from '@app/agents';
import { ConversationChange, ConversationHook, ConversationHooks, Conversation, Message, ReplyService } from '@app/conversations';
import { SlaEventRecord } from './entities/sla-event.entity';
import { expectedWaitMs, isHighLoad } from './policy/expected-wait.util';
import { PolicyRegistry } from './policy/policy-registry.service';
import { formatMoment, humanizeWait, renderTemplates } from './policy/render-template.util';
import { CHAT_TYPES, SlaPolicy } from './policy/sla-policy';
import { applySlaEvent, initialSlaState, SlaClockState, SlaDeadlines, SlaEvent, slaDeadlines } from './sla-clock-state';
import { slaStateAt } from './sla-state.util';

const HOUR = 3_600_000;

/**
 * Keeps each conversation's deadlines current inside the transaction that changes it, records whether an
 * agent's answer met its target, and queues the automatic acknowledgement or high-load notice.
 */
@Injectable()
export class SlaHook implements ConversationHook, OnModuleInit {
  constructor(
    private readonly hooks: ConversationHooks,
    private readonly policies: PolicyRegistry,
    private readonly replies: ReplyService,
    private readonly presence: AgentPresence,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async onChange(conversation: Conversation, change: ConversationChange, m: EntityManager, at: Date): Promise<boolean> {
    const event = toSlaEvent(change, at);
    if (!event) return false;
    const policy = this.policies.forChannel(conversation.channelId);
    const before = (conversation.slaClock as SlaClockState | null) ?? initialSlaState();
    const previous = slaDeadlines(before, policy);
    const state = applySlaEvent(before, event, policy);
    const deadlines = slaDeadlines(state, policy);
    conversation.slaClock = state as unknown as Record<string, unknown>;
    applyDeadlines(conversation, deadlines, at);

    if (change.kind === 'reply') await this.recordAnswer(m, conversation, before, previous, change.message, at);
    if (change.kind === 'inbound' && change.createdConversation) return this.greet(m, conversation, policy, deadlines, at);
    return false;
  }

  /** met / missed for the response target the reply answered, for the SLA report. */
  private async recordAnswer(m: EntityManager, c: Conversation, state: SlaClockState, previous: SlaDeadlines, reply: Message, at: Date) {
    const target = previous.firstResponseDueAt ? 'firstResponse' : previous.nextResponseDueAt ? 'nextResponse' : null;
    if (!target) return;
    const dueAt = (target === 'firstResponse' ? previous.firstResponseDueAt : previous.nextResponseDueAt)!;
    const since = target === 'firstResponse' ? state.firstResponseSince : state.waitingSince;
    await m.insert(SlaEventRecord, {
      conversationId: c.id, channelId: c.channelId, kind: at.getTime() <= dueAt.getTime() ? 'met' : 'missed', target,
      dueAt, startedAt: since === null ? null : new Date(since), at, agentId: reply.authorId,
    });
  }

  /** A new conversation: the acknowledgement (e-mail) or, under high load, the longer-wait notice (chat). */
  private async greet(m: EntityManager, c: Conversation, policy: SlaPolicy, deadlines: SlaDeadlines, at: Date): Promise<boolean> {
    const inbound = await m.findOne(Message, { where: { conversationId: c.id, direction: 'in' }, order: { id: 'DESC' } });
    if (!inbound || inbound.automatic) return false; // RFC 3834: never answer automatic mail
    const ack = policy.autoAcknowledge;
    if (ack.enabled && deadlines.firstResponseDueAt && !(await this.ackedRecently(m, c, at, ack.perSenderWindow))) {
      const due = deadlines.firstResponseDueAt;
      const text = renderTemplates(ack.templates, ack.language, (lang) => ({ dueAt: formatMoment(due, policy.timeZone, lang), conversationId: String(c.id) }));
      await this.replies.queueAutomatic(m, c, text, { kind: 'acknowledgement', inReplyTo: inbound.externalId }, at);
      return true;
    }
    if (policy.highLoadNotice.enabled && this.isChat(c)) {
      const wait = await this.expectedWait(m, c, policy, at);
      if (isHighLoad(wait, policy.firstResponse)) {
        const text = renderTemplates(policy.highLoadNotice.templates, policy.highLoadNotice.language, (lang) => ({ wait: humanizeWait(wait, lang) }));
        await this.replies.queueAutomatic(m, c, text, { kind: 'high-load-notice' }, at);
        return true;
      }
    }
    return false;
  }

  private isChat(c: Conversation): boolean {
    return CHAT_TYPES.includes(this.policies.channelType(c.channelId));
  }

  private async ackedRecently(m: EntityManager, c: Conversation, at: Date, windowMs: number): Promise<boolean> {
    const count = await m.createQueryBuilder(Message, 'msg')
      .innerJoin(Conversation, 'c', 'c.id = msg.conversationId')
      .where('c.identityId = :identityId', { identityId: c.identityId })
      .andWhere('msg.automatic = :automatic AND msg.direction = :out', { automatic: true, out: 'out' })
      .andWhere('msg.createdAt >= :since', { since: at.getTime() - windowMs })
      .andWhere('msg.meta LIKE :kind', { kind: '%"kind":"acknowledgement"%' })
      .getCount();
    return count > 0;
  }

  private async expectedWait(m: EntityManager, c: Conversation, policy: SlaPolicy, at: Date): Promise<number> {
    const unanswered = await m.countBy(Conversation, { channelId: c.channelId, status: 'open', awaitingReply: true }) - 1;
    const recent = await m.find(SlaEventRecord, {
      where: { channelId: c.channelId, target: 'firstResponse', at: MoreThanOrEqual(new Date(at.getTime() - HOUR)) },
      select: { at: true, startedAt: true },
    });
    const times = recent.filter((e) => e.startedAt).map((e) => e.at.getTime() - e.startedAt!.getTime()).sort((a, b) => a - b);
    return expectedWaitMs({
      unanswered: Math.max(0, unanswered),
      agentsOnline: this.presence.onlineCount(),
      chatsPerAgent: policy.highLoadNotice.chatsPerAgent,
      firstResponseTarget: policy.firstResponse,
      recentMedianFirstResponse: times.length ? times[Math.floor((times.length - 1) / 2)] : null,
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
