import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AgentsService } from '@app/agents';
import { ConversationActions, DomainEvents } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { JobQueues } from '@app/platform/jobs/job-queues';
import { AttentionTimers, SNOOZE_QUEUE } from '../attention/attention-timers';

/**
 * Wakes snoozed conversations: at its moment the conversation reopens, goes back to its assignee (or to the
 * unassigned queue when that agent is no longer active) and the assignee gets a notice. The database holds the
 * truth (status and `snoozedUntil`); at start every snooze is put on the timers again, so one that fell due
 * while the server was down wakes now, and the in-process timers survive a restart. The reopening is a locked,
 * conditional change, so a repeated or stale job changes nothing and notifies nobody.
 */
@Injectable()
export class SnoozeWaker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SnoozeWaker.name);
  private stop: (() => Promise<void>) | null = null;

  constructor(
    private readonly jobs: JobQueues,
    private readonly timers: AttentionTimers,
    private readonly actions: ConversationActions,
    private readonly agents: AgentsService,
    private readonly events: DomainEvents,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stop = await this.jobs.consume(SNOOZE_QUEUE, (data) => this.wake(Number(data.id), new Date(Number(data.until))));
    const snoozed = await this.uow.runSql((sql) => sql.all<{ id: number; snoozedUntil: number }>(
      'SELECT id, "snoozedUntil" FROM conversations WHERE status = ? AND "snoozedUntil" IS NOT NULL', ['snoozed']));
    for (const c of snoozed) await this.timers.wakeUp(Number(c.id), new Date(Number(c.snoozedUntil)));
    if (snoozed.length) this.logger.log(`${snoozed.length} snoozed conversation(s) on the timers`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop?.();
  }

  private async wake(id: number, until: Date): Promise<void> {
    const woken = await this.actions.wake(id, until);
    if (!woken || woken.assigneeId === null) return;
    if (!(await this.agents.exists(woken.assigneeId))) {
      await this.actions.assign(id, null);
      return;
    }
    this.events.emit('agent.notice', { agentId: woken.assigneeId, kind: 'snooze.woke', conversationId: id, at: this.clock.now().toISOString() });
  }
}
