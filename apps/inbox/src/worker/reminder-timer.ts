import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DomainEvents } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { JobQueues } from '@app/platform/jobs/job-queues';
import { AttentionTimers, REMINDER_QUEUE } from '../attention/attention-timers';

/**
 * Fires reminders on notes at their moment, whatever happened in the conversation since (a customer's reply
 * does not cancel it). `firedAt` is claimed with a conditional update, so a reminder fires once whichever
 * process or repeated job runs it, and only while the row still holds the moment the job was put on for: a cancelled
 * reminder (deleted) or a moved one (another `remindAt`, another job) is not fired by this job. Unfired reminders
 * are put on the timers again at start.
 */
@Injectable()
export class ReminderTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderTimer.name);
  private stop: (() => Promise<void>) | null = null;

  constructor(
    private readonly jobs: JobQueues,
    private readonly timers: AttentionTimers,
    private readonly events: DomainEvents,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stop = await this.jobs.consume(REMINDER_QUEUE, (data) => this.fire(Number(data.id), data.at === undefined ? null : Number(data.at)));
    const waiting = await this.uow.runSql((sql) => sql.all<{ id: number; remindAt: number }>('SELECT id, "remindAt" FROM reminders WHERE "firedAt" IS NULL'));
    for (const r of waiting) await this.timers.remind(Number(r.id), new Date(Number(r.remindAt)));
    if (waiting.length) this.logger.log(`${waiting.length} reminder(s) on the timers`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop?.();
  }

  /** `at`: the moment the job was put on for (null: a job queued before reminders could move, fired as it stands). */
  private async fire(id: number, at: number | null): Promise<void> {
    const now = this.clock.now();
    const fired = await this.uow.runSql(async (sql) => {
      const claim = 'UPDATE reminders SET "firedAt" = ? WHERE id = ? AND "firedAt" IS NULL';
      const claimed = at === null ? await sql.run(claim, [now.getTime(), id]) : await sql.run(`${claim} AND "remindAt" = ?`, [now.getTime(), id, at]);
      if (claimed !== 1) return null;
      const [row] = await sql.all<{ conversationId: number; messageId: number; agentId: number; createdById: number | null; body: string }>(
        'SELECT r."conversationId", r."messageId", r."agentId", r."createdById", m.body FROM reminders r JOIN messages m ON m.id = r."messageId" WHERE r.id = ?', [id]);
      return row ?? null;
    });
    if (!fired) return;
    this.events.emit('agent.notice', {
      agentId: Number(fired.agentId), kind: 'reminder', conversationId: Number(fired.conversationId), at: now.toISOString(),
      messageId: Number(fired.messageId), reminderId: id, byAgentId: fired.createdById === null ? null : Number(fired.createdById), text: fired.body,
    });
  }
}
