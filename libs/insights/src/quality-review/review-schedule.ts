import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@app/platform/clock/clock';
import { JobQueues } from '@app/platform/jobs/job-queues';
import { QualityReviews } from './quality-reviews.service';

const QUEUE = 'quality-review';
const RETRY_MS = 60_000;

/**
 * The weekly timer of the review pick, through JobQueues keyed by the week, so it is one job however many processes
 * schedule it. The truth is in the database (the round's row, claimed once): at start every process sweeps (runs
 * a pick whose moment passed while it was down) and schedules the next; a timer that fires twice picks once.
 */
@Injectable()
export class ReviewSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReviewSchedule.name);
  private stop: (() => Promise<void>) | null = null;

  constructor(private readonly jobs: JobQueues, private readonly reviews: QualityReviews, private readonly clock: Clock) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stop = await this.jobs.consume(QUEUE, () => this.run());
    await this.jobs.add(QUEUE, 'sweep-at-start', {});
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop?.();
  }

  /** Picks if a pick is due, then schedules the next one; a failed pick (the database busy) is tried again a minute later. */
  async run(): Promise<void> {
    try {
      const round = await this.reviews.pickDue();
      if (round) this.logger.log(`quality review for the week of ${round.weekStart}: picked from ${round.candidates} problem dialogues`);
    } catch (err) {
      await this.jobs.add(QUEUE, `retry:${this.clock.now().getTime()}`, {}, Date.now() + RETRY_MS);
      throw err;
    } finally {
      const next = await this.reviews.nextPickAt();
      // The queue's timers run on the system time; the wait is the application clock's.
      await this.jobs.add(QUEUE, `pick:${next.at}`, {}, Date.now() + Math.max(0, next.at - this.clock.now().getTime()));
    }
  }
}
