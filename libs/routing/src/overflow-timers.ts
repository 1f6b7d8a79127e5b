import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Conversation, ConversationTx, DomainEvents } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { JobQueues } from '@app/platform/jobs/job-queues';
import { recordMove } from './routing-history';
import { TeamsService } from './teams.service';

export const OVERFLOW_QUEUE = 'routing.overflow';

/**
 * A conversation left unassigned in its team's queue for the team's `overflowAfterSeconds` moves to the overflow
 * team's queue. One durable timer per stay in a queue (keyed by conversation and the moment it joined), so a
 * repeat is harmless; the move itself is a conditional update (still in that team, unassigned, same stay), so it
 * happens once whichever process runs the timer. At start every waiting conversation's timer is set again (the
 * in-process queue forgets them at a stop).
 */
@Injectable()
export class OverflowTimers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OverflowTimers.name);
  private stop: () => Promise<void> = async () => undefined;

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly jobs: JobQueues,
    private readonly teams: TeamsService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stop = await this.jobs.consume(OVERFLOW_QUEUE, (data) => this.overflow(Number(data.conversationId), Number(data.teamId), Number(data.queuedAt)));
    const waiting = await this.db.getRepository(Conversation).createQueryBuilder('c')
      .where('c.teamId IS NOT NULL AND c.assigneeId IS NULL AND c.status = :open AND c.queuedAt IS NOT NULL', { open: 'open' }).getMany();
    for (const c of waiting) await this.schedule(c);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Sets the conversation's timer when it waits in a team that overflows. */
  async schedule(c: Conversation): Promise<void> {
    if (c.teamId == null || c.assigneeId !== null || c.status !== 'open' || !c.queuedAt) return;
    const team = (await this.teams.list()).find((t) => t.id === c.teamId);
    if (!team?.overflowTeamId || !team.overflowAfterSeconds) return;
    const queuedAt = c.queuedAt.getTime();
    await this.jobs.add(OVERFLOW_QUEUE, `${c.id}:${c.teamId}:${queuedAt}`, { conversationId: c.id, teamId: c.teamId, queuedAt }, queuedAt + team.overflowAfterSeconds * 1000);
  }

  private async overflow(conversationId: number, teamId: number, queuedAt: number): Promise<void> {
    const team = (await this.teams.list()).find((t) => t.id === teamId);
    if (!team?.overflowTeamId) return;
    const moved = await ConversationTx.within(this.uow, async (tx) => {
      const c = await tx.conversation('id = ? AND "teamId" = ? AND "assigneeId" IS NULL AND status = ? AND "queuedAt" = ?', [conversationId, teamId, 'open', queuedAt]);
      if (!c) return null;
      const now = this.clock.now();
      c.teamId = team.overflowTeamId;
      c.queuedAt = now;
      c.updatedAt = now;
      await tx.updateConversation(c);
      await recordMove(tx.sql, { conversationId: c.id, kind: 'overflow', fromTeamId: teamId, toTeamId: team.overflowTeamId, at: now });
      return c;
    });
    if (!moved) return;
    this.logger.log(`conversation ${conversationId} overflowed from team ${teamId} to team ${team.overflowTeamId}`);
    this.events.emit('conversation.updated', { conversation: moved, reason: 'overflow' });
  }
}
