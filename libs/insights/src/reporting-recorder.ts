import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { agentsHaveItSince, Conversation, ConversationChange, ConversationHook, ConversationHooks, ConversationTx, DomainEvents, Message } from '@app/conversations';
import { businessTimeBetween, PolicyRegistry } from '@app/sla';
import { ReportingEventWriter } from './reporting-event-writer';

const DAY = 86_400_000;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Records the reporting events inside the transaction that changes the conversation (as an observer of its
 * changes, so it sees the deadlines the change was measured against), and copies the SLA clock's alerts.
 */
@Injectable()
export class ReportingRecorder implements ConversationHook, OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  readonly reactsTo = ['inbound', 'reply', 'status', 'assignment'] as const;
  private readonly logger = new Logger(ReportingRecorder.name);
  private readonly unsubscribe: Array<() => void> = [];
  private readonly copying = new Set<Promise<void>>();

  constructor(
    private readonly hooks: ConversationHooks,
    private readonly policies: PolicyRegistry,
    private readonly events: DomainEvents,
    private readonly uow: UnitOfWork,
    private readonly writer: ReportingEventWriter,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.observe(this);
    for (const name of ['sla.warning', 'sla.breached'] as const) {
      this.unsubscribe.push(this.events.on(name, (alert) => this.track(this.copySlaAlerts(new Date(alert.at)))));
    }
  }

  /** Alerts fired while no process was listening (a crash between the clock's commit and its event). */
  async onApplicationBootstrap(): Promise<void> {
    await this.copySlaAlerts(new Date(this.clock.now().getTime() - DAY));
  }

  /** Lets copies under way finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.unsubscribe.splice(0).forEach((off) => off());
    await Promise.all(this.copying);
  }

  private track(copy: Promise<void>): void {
    this.copying.add(copy);
    void copy.finally(() => this.copying.delete(copy));
  }

  onChange(c: Conversation, change: ConversationChange, tx: ConversationTx, at: Date): void | Promise<void> {
    if (change.kind === 'inbound' && change.createdConversation) this.opened(c, tx, at);
    else if (change.kind === 'reply' && !change.message.automatic) return this.answered(c, change.message, tx, at);
    else if (change.kind === 'status' && change.to === 'resolved') return this.resolved(c, tx, at);
    else if (change.kind === 'status' && change.from === 'resolved') return this.reopened(c, tx, at);
    else if (change.kind === 'assignment') return this.assigned(c, change.to, tx, at);
  }

  private async assigned(c: Conversation, to: number | null, tx: ConversationTx, at: Date): Promise<void> {
    await this.writer.record(tx.sql, { kind: 'assignment', factKey: `assignment:${c.id}:${at.getTime()}:${to ?? 'none'}`, conversationId: c.id, channelId: c.channelId, agentId: to, at });
  }

  private opened(c: Conversation, tx: ConversationTx, at: Date): void {
    this.writer.recordAtFlush(tx, { kind: 'opened', factKey: `opened:${c.id}`, conversationId: c.id, channelId: c.channelId, agentId: c.assigneeId, at });
  }

  /** Every answer (with the customer's wait and whether it met its target), and the conversation's first one. */
  private async answered(c: Conversation, reply: Message, tx: ConversationTx, at: Date): Promise<void> {
    await tx.flush(); // gives the reply its id
    const [previous] = await tx.sql.all<{ last: unknown }>(
      'SELECT MAX(id) AS last FROM messages WHERE "conversationId" = ? AND direction = ? AND automatic = ? AND id <> ?',
      [c.id, 'out', false, reply.id]);
    const lastAnswer = num(previous.last);
    const [waiting] = await tx.sql.all<{ since: unknown }>(
      'SELECT MIN("createdAt") AS since FROM messages WHERE "conversationId" = ? AND direction = ? AND id > ? AND id < ?',
      [c.id, 'in', lastAnswer ?? 0, reply.id]);
    // A conversation the bot held is the agents' from the handover: the customer's time with the bot is not their wait.
    const handover = agentsHaveItSince(c, at);
    const asked = num(waiting.since);
    const since = asked !== null && handover ? Math.max(asked, handover.getTime()) : asked;
    // The deadline the answer was measured against: the SLA hook clears it after this observer.
    const due = c.firstResponseDueAt ?? c.nextResponseDueAt;
    const targetMet = due ? at.getTime() <= due.getTime() : null;
    const base = { conversationId: c.id, channelId: c.channelId, agentId: reply.authorId, at, targetMet };
    await this.writer.record(tx.sql, { ...base, kind: 'response', factKey: `response:${reply.id}`, ...this.measure(c.channelId, since === null ? null : new Date(since), at) });
    if (lastAnswer === null) {
      await this.writer.record(tx.sql, { ...base, kind: 'first_response', factKey: `first_response:${c.id}`, ...this.measure(c.channelId, handover ?? c.createdAt, at) });
    }
  }

  /** From the opening (or the latest reopening) to now, with the dialogue's message count. */
  private async resolved(c: Conversation, tx: ConversationTx, at: Date): Promise<void> {
    const [reopen] = await tx.sql.all<{ at: unknown }>('SELECT MAX("at") AS "at" FROM reporting_events WHERE "conversationId" = ? AND kind = ?', [c.id, 'reopen']);
    const start = num(reopen.at) === null ? c.createdAt : new Date(num(reopen.at)!);
    const [count] = await tx.sql.all<{ n: unknown }>(
      'SELECT COUNT(*) AS n FROM messages WHERE "conversationId" = ? AND direction IN (?, ?) AND automatic = ?', [c.id, 'in', 'out', false]);
    await this.writer.record(tx.sql, {
      kind: 'resolution', factKey: `resolution:${c.id}:${at.getTime()}`, conversationId: c.id, channelId: c.channelId, agentId: c.assigneeId, at,
      messages: Number(count.n), ...this.measure(c.channelId, start, at),
    });
  }

  /** A resolved conversation opened again: how long it stayed resolved. */
  private async reopened(c: Conversation, tx: ConversationTx, at: Date): Promise<void> {
    const [resolution] = await tx.sql.all<{ at: unknown }>('SELECT MAX("at") AS "at" FROM reporting_events WHERE "conversationId" = ? AND kind = ?', [c.id, 'resolution']);
    const since = num(resolution.at);
    await this.writer.record(tx.sql, {
      kind: 'reopen', factKey: `reopen:${c.id}:${at.getTime()}`, conversationId: c.id, channelId: c.channelId, agentId: c.assigneeId, at,
      ...this.measure(c.channelId, since === null ? null : new Date(since), at),
    });
  }

  /** A span in calendar time and in the channel's business hours as they are now (stored, so later changes of the hours rewrite nothing). */
  private measure(channelId: string, start: Date | null, end: Date): { calendarMs: number | null; businessMs: number | null; startedAt: Date | null } {
    if (!start) return { calendarMs: null, businessMs: null, startedAt: null };
    const hours = this.policies.forChannel(channelId).businessHours;
    return { calendarMs: Math.max(0, end.getTime() - start.getTime()), businessMs: businessTimeBetween(start, end, hours), startedAt: start };
  }

  private async copySlaAlerts(since: Date): Promise<void> {
    try {
      await this.uow.runSql((sql) => this.writer.copySlaAlerts(sql, new Date(since.getTime() - 1000)));
    } catch (err) {
      this.logger.error(`copying SLA alerts to the reports failed: ${err.message}`);
    }
  }
}
