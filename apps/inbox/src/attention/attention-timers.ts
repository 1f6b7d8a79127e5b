import { Injectable } from '@nestjs/common';
import { Clock } from '@app/platform/clock/clock';
import { JobQueues } from '@app/platform/jobs/job-queues';

export const SNOOZE_QUEUE = 'snooze';
export const REMINDER_QUEUE = 'reminders';

/**
 * Puts snooze wake-ups and reminders on the durable timers. The moments are the inbox clock's; the delay is
 * measured from it, so the job runs when that clock reaches the moment. A wake-up is keyed by the conversation
 * and its moment (a new snooze is a new job; the old one finds the row changed and does nothing), a reminder by
 * its id and moment likewise (a moved reminder is a new job; the old one finds `remindAt` changed); adding a key
 * again is harmless, so the sweeps at start may re-add everything.
 */
@Injectable()
export class AttentionTimers {
  constructor(private readonly jobs: JobQueues, private readonly clock: Clock) {}

  wakeUp(conversationId: number, until: Date): Promise<void> {
    return this.jobs.add(SNOOZE_QUEUE, `conversation-${conversationId}-${until.getTime()}`, { id: conversationId, until: until.getTime() }, this.runAt(until));
  }

  remind(reminderId: number, at: Date): Promise<void> {
    return this.jobs.add(REMINDER_QUEUE, `reminder-${reminderId}-${at.getTime()}`, { id: reminderId, at: at.getTime() }, this.runAt(at));
  }

  private runAt(moment: Date): number {
    return Date.now() + Math.max(0, moment.getTime() - this.clock.now().getTime());
  }
}
