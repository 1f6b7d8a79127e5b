import { ForbiddenException, Injectable } from '@nestjs/common';
import type { Principal } from '@app/agents';
import { ConflictError, InvalidRequestError, NotFoundError, ReminderView } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { AttentionQueries } from './attention.queries';
import { AttentionTimers } from './attention-timers';

/**
 * Cancelling and moving a reminder that has not fired, by the agent it reminds or by ops. Both are conditional
 * writes on the row (`firedAt IS NULL`), and the timer claims the row only as it stands when it fires (the moment
 * it was put on the timers for, not cancelled), so a cancelled or moved reminder never fires at its old moment,
 * whichever process holds its timer.
 */
@Injectable()
export class ReminderChanges {
  constructor(private readonly uow: UnitOfWork, private readonly queries: AttentionQueries, private readonly timers: AttentionTimers, private readonly clock: Clock) {}

  /** Deletes the reminder: nothing is left to fire. */
  async cancel(id: number, me: Principal): Promise<void> {
    await this.pendingOf(id, me);
    const removed = await this.uow.runSql((sql) => sql.run('DELETE FROM reminders WHERE id = ? AND "firedAt" IS NULL', [id]));
    if (removed !== 1) throw new ConflictError(`reminder ${id} has fired meanwhile: it can no longer be cancelled`);
  }

  /** Moves the reminder to `at` (in the future); its timer is put on again for the new moment. */
  async reschedule(id: number, at: Date, me: Principal): Promise<ReminderView> {
    await this.pendingOf(id, me);
    if (at.getTime() <= this.clock.now().getTime()) throw new InvalidRequestError('remindAt', 'must be in the future');
    const moved = await this.uow.runSql((sql) => sql.run('UPDATE reminders SET "remindAt" = ? WHERE id = ? AND "firedAt" IS NULL', [at.getTime(), id]));
    if (moved !== 1) throw new ConflictError(`reminder ${id} has fired meanwhile: it can no longer be moved`);
    await this.timers.remind(id, at);
    return (await this.queries.reminder(id))!;
  }

  private async pendingOf(id: number, me: Principal): Promise<ReminderView> {
    const reminder = await this.queries.reminder(id);
    if (!reminder) throw new NotFoundError('reminder', id);
    if (reminder.agentId !== me.agentId && me.role !== 'ops') throw new ForbiddenException('only the agent it reminds (or ops) may change a reminder');
    if (reminder.firedAt !== null) throw new ConflictError(`reminder ${id} has fired: it can no longer be changed`);
    return reminder;
  }
}
