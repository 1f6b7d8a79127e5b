import { Clock } from '@app/platform/clock/clock';
import { JobHandler, JobQueues } from '@app/platform/jobs/job-queues';
import { QualityReviews } from './quality-reviews.service';
import { ReviewSchedule } from './review-schedule';

/** Records what is scheduled; runs nothing by itself. */
class RecordingQueues extends JobQueues {
  readonly added: Array<{ queue: string; key: string; runAt: number | undefined }> = [];
  handler: JobHandler | null = null;
  async add(queue: string, key: string, _data: Record<string, unknown>, runAt?: number): Promise<void> {
    this.added.push({ queue, key, runAt });
  }
  async consume(_queue: string, handler: JobHandler): Promise<() => Promise<void>> {
    this.handler = handler;
    return async () => undefined;
  }
}

describe('the weekly review timer', () => {
  const now = Date.parse('2026-11-11T10:00:00Z');
  const next = Date.parse('2026-11-16T09:00:00Z');
  const clock = { now: () => new Date(now) } as Clock;

  it('sweeps at start, then keys the next pick by its moment and waits as long as the application clock says', async () => {
    const queues = new RecordingQueues();
    const pickDue = jest.fn().mockResolvedValue(null);
    const reviews = { pickDue, nextPickAt: jest.fn().mockResolvedValue({ weekStart: '2026-11-02', at: next }) } as unknown as QualityReviews;
    const schedule = new ReviewSchedule(queues, reviews, clock);
    await schedule.onApplicationBootstrap();
    expect(queues.added.map((a) => a.key)).toEqual(['sweep-at-start']);

    const before = Date.now();
    await queues.handler!({});
    await queues.handler!({}); // fired twice: the same key, so one job waits
    expect(pickDue).toHaveBeenCalledTimes(2); // each run asks the database, which picks once
    const scheduled = queues.added.slice(1);
    expect(scheduled.map((a) => a.key)).toEqual([`pick:${next}`, `pick:${next}`]);
    const delay = scheduled[0].runAt! - before;
    expect(delay).toBeGreaterThanOrEqual(next - now - 1000);
    expect(delay).toBeLessThanOrEqual(next - now + 1000);
  });

  it('tries a failed pick again a minute later, and still schedules the next one', async () => {
    const queues = new RecordingQueues();
    const reviews = { pickDue: jest.fn().mockRejectedValue(new Error('database busy')), nextPickAt: jest.fn().mockResolvedValue({ weekStart: 'w', at: next }) } as unknown as QualityReviews;
    const schedule = new ReviewSchedule(queues, reviews, clock);
    await expect(schedule.run()).rejects.toThrow('database busy');
    expect(queues.added.map((a) => a.key)).toEqual([`retry:${now}`, `pick:${next}`]);
    expect(queues.added[0].runAt! - Date.now()).toBeGreaterThan(55_000);
  });
});
