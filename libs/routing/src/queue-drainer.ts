import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConversationHooks, ConversationTx, DomainEvents } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { SqlRunner } from '@app/platform/database/sql-runner';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { pickAgent, RoutingCandidate } from './pick-agent.util';
import { recordMove } from './routing-history';
import { QUEUE_ORDER } from './queue-order.util';
import { TeamsService } from './teams.service';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));


/**
 * Hands a team's waiting conversations to its online members within their capacity, one claim per transaction,
 * when something happens that may let one through (never on a timer).
 *
 * The claim holds in a cluster: the conversation is taken with `FOR UPDATE SKIP LOCKED` (two drains take two
 * different conversations), and the candidate agents' rows are locked in id order before their open conversations
 * are counted, so two processes filling the same agent take turns and the second one counts what the first one
 * gave. SQLite has one writer at a time already.
 */
@Injectable()
export class QueueDrainer {
  private readonly logger = new Logger(QueueDrainer.name);
  private readonly running = new Map<number, Promise<void>>();
  private readonly again = new Set<number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly hooks: ConversationHooks,
    private readonly events: DomainEvents,
    private readonly teams: TeamsService,
    private readonly clock: Clock,
  ) {}

  /** Drains the team's queue soon; a drain already running for it goes round once more instead of starting another. */
  drain(teamId: number): Promise<void> {
    const current = this.running.get(teamId);
    if (current) {
      this.again.add(teamId);
      return current;
    }
    const run = (async () => {
      do {
        this.again.delete(teamId);
        try {
          while (await this.claimNext(teamId));
        } catch (err) {
          this.logger.error(`draining team ${teamId} failed: ${(err as Error).message}`);
        }
      } while (this.again.has(teamId));
    })().finally(() => this.running.delete(teamId));
    this.running.set(teamId, run);
    return run;
  }

  /** Drains every team the agent belongs to (it came online, got room or more capacity). */
  async drainTeamsOf(agentId: number): Promise<void> {
    await Promise.all((await this.teams.teamsOf(agentId)).map((t) => this.drain(t.id)));
  }

  async drainAll(): Promise<void> {
    await Promise.all((await this.teams.list()).map((t) => this.drain(t.id)));
  }

  /** Settles when every drain under way is done (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  /** Gives the team's most urgent waiting conversation to an agent with room; false when none waits or nobody has room. */
  private async claimNext(teamId: number): Promise<boolean> {
    const team = (await this.teams.list()).find((t) => t.id === teamId);
    if (!team || team.assignment !== 'auto') return false;
    const claimed = await ConversationTx.within(this.uow, async (tx) => {
      const skipLocked = tx.sql.postgres ? ' FOR UPDATE SKIP LOCKED' : '';
      const [next] = await tx.sql.all<{ id: unknown; contactId: unknown }>(
        // A conversation the bot still holds is nobody's work yet (bot-hold.ts); it joins the queue at the handover.
        `SELECT id, "contactId" FROM conversations WHERE "teamId" = ? AND status = ? AND "assigneeId" IS NULL AND "heldByBot" = ?
         ORDER BY ${QUEUE_ORDER} LIMIT 1${skipLocked}`,
        [teamId, 'open', false]);
      if (!next) return null;
      const [contact] = await tx.sql.all<{ ownerId: unknown }>('SELECT "ownerId" FROM contacts WHERE id = ?', [next.contactId]);
      const ownerId = num(contact?.ownerId);
      const memberIds = team.members.map((m) => m.agentId);
      const candidates = await this.lockCandidates(tx.sql, [...new Set([...memberIds, ...(ownerId === null ? [] : [ownerId])])]);
      const owner = candidates.find((c) => c.agentId === ownerId) ?? null;
      const choice = pickAgent(candidates.filter((c) => memberIds.includes(c.agentId)), owner);
      if (!choice) return null;
      const now = this.clock.now();
      const c = (await tx.conversation('id = ?', [Number(next.id)]))!;
      c.assigneeId = choice.agentId;
      await this.hooks.run(c, { kind: 'assignment', from: null, to: choice.agentId }, tx, now);
      c.updatedAt = now;
      await tx.updateConversation(c);
      await tx.sql.run('UPDATE agents SET "lastAssignedAt" = ? WHERE id = ?', [now.getTime(), choice.agentId]);
      await recordMove(tx.sql, { conversationId: c.id, kind: choice.preferred ? 'owner' : 'routed', fromTeamId: teamId, toTeamId: teamId, agentId: choice.agentId, at: now });
      return { conversation: c, preferred: choice.preferred };
    });
    if (!claimed) return false;
    const { conversation, preferred } = claimed;
    this.events.emit('conversation.updated', { conversation, reason: 'routed' });
    if (preferred) {
      this.events.emit('agent.notice', {
        agentId: conversation.assigneeId!, kind: 'owner', conversationId: conversation.id, at: conversation.updatedAt.toISOString(),
        text: `Your customer wrote: conversation #${conversation.id} is yours`,
      });
    }
    return true;
  }

  /**
   * The agents who may take a conversation now (active, online, not away), their rows locked in id order, with the
   * open conversations each holds counted after the lock (so a concurrent claim's commit is counted).
   */
  private async lockCandidates(sql: SqlRunner, ids: number[]): Promise<RoutingCandidate[]> {
    if (!ids.length) return [];
    const list = sql.inList('id', ids);
    const rows = await sql.all<{ id: unknown; routingCapacity: unknown; lastAssignedAt: unknown }>(
      `SELECT id, "routingCapacity", "lastAssignedAt" FROM agents WHERE ${list.sql} AND active = ? AND availability = ? AND "awayDueAt" IS NULL ORDER BY id${sql.postgres ? ' FOR UPDATE' : ''}`,
      [list.param, true, 'online']);
    if (!rows.length) return [];
    const held = sql.inList('"assigneeId"', rows.map((r) => Number(r.id)));
    const counts = await sql.all<{ agentId: unknown; n: unknown }>(
      `SELECT "assigneeId" AS "agentId", COUNT(*) AS n FROM conversations WHERE ${held.sql} AND status = ? GROUP BY "assigneeId"`, [held.param, 'open']);
    const holding = new Map(counts.map((r) => [Number(r.agentId), Number(r.n)]));
    return rows.map((r) => ({
      agentId: Number(r.id),
      capacity: num(r.routingCapacity) ?? this.config.routing.defaultCapacity,
      holding: holding.get(Number(r.id)) ?? 0,
      lastAssignedAt: num(r.lastAssignedAt),
    }));
  }
}

