import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { RedisConnections } from '../redis/redis-connections';

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

/**
 * Keyed jobs and durable timers. A job is named by a key: adding a key that is already waiting adds nothing,
 * so a repeat is harmless. `runAt` delays it. `consume` processes a queue in this process, one job at a time,
 * until the returned stop is called. In one process the jobs live in memory (lost at a stop; their owners keep
 * the truth in the database and sweep it); in a cluster they are BullMQ jobs in Redis, under `REDIS_PREFIX`,
 * which survive restarts and run once in whichever process consumes the queue.
 */
export abstract class JobQueues {
  abstract add(queue: string, key: string, data: Record<string, unknown>, runAt?: number): Promise<void>;
  abstract consume(queue: string, handler: JobHandler): Promise<() => Promise<void>>;
}

@Injectable()
export class InProcessJobQueues extends JobQueues implements OnApplicationShutdown {
  private readonly logger = new Logger('JobQueues');
  private readonly waiting = new Map<string, Map<string, { data: Record<string, unknown>; timer: NodeJS.Timeout | null }>>();
  private readonly handlers = new Map<string, JobHandler>();
  private readonly chains = new Map<string, Promise<void>>();

  async add(queue: string, key: string, data: Record<string, unknown>, runAt = Date.now()): Promise<void> {
    const jobs = this.waiting.get(queue) ?? new Map();
    this.waiting.set(queue, jobs);
    if (jobs.has(key)) return;
    const job = { data, timer: null as NodeJS.Timeout | null };
    jobs.set(key, job);
    job.timer = setTimeout(() => this.run(queue, key), Math.max(0, runAt - Date.now()));
    job.timer.unref?.();
  }

  async consume(queue: string, handler: JobHandler): Promise<() => Promise<void>> {
    this.handlers.set(queue, handler);
    for (const key of this.waiting.get(queue)?.keys() ?? []) this.run(queue, key);
    return async () => {
      if (this.handlers.get(queue) === handler) this.handlers.delete(queue);
      await this.chains.get(queue);
    };
  }

  onApplicationShutdown(): void {
    for (const jobs of this.waiting.values()) for (const job of jobs.values()) if (job.timer) clearTimeout(job.timer);
    this.waiting.clear();
  }

  /** One job at a time per queue, in the order they came due; a job waits while nobody consumes its queue. */
  private run(queue: string, key: string): void {
    const handler = this.handlers.get(queue);
    const job = this.waiting.get(queue)?.get(key);
    if (!handler || !job) return;
    this.waiting.get(queue)!.delete(key);
    const chain = (this.chains.get(queue) ?? Promise.resolve())
      .then(() => handler(job.data))
      .catch((err: Error) => this.logger.error(`job ${queue}/${key} failed: ${err.message}`));
    this.chains.set(queue, chain);
  }
}

@Injectable()
export class BullJobQueues extends JobQueues implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Set<Worker>();

  constructor(private readonly redis: RedisConnections) {
    super();
  }

  async add(queue: string, key: string, data: Record<string, unknown>, runAt = Date.now()): Promise<void> {
    // BullMQ keeps one job per id; completed ones are removed, so the same key may run again later.
    await this.queue(queue).add(queue, data, { jobId: key, delay: Math.max(0, runAt - Date.now()), removeOnComplete: true, removeOnFail: true });
  }

  async consume(queue: string, handler: JobHandler): Promise<() => Promise<void>> {
    const worker = new Worker(queue, async (job) => handler(job.data as Record<string, unknown>), {
      connection: this.redis.connect(`jobs-${queue}`, { maxRetriesPerRequest: null }),
      prefix: this.prefix,
      concurrency: 1,
      // A job whose worker died is taken by another after this long.
      stalledInterval: 5000,
    });
    worker.on('error', () => undefined);
    this.workers.add(worker);
    return async () => {
      this.workers.delete(worker);
      await worker.close();
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.close().catch(() => undefined)));
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }

  /** BullMQ's own prefix: `inbox:jobs` makes keys like `inbox:jobs:outbox.telegram:…`. */
  private get prefix(): string {
    return this.redis.key('jobs');
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis.connect(`queue-${name}`, { maxRetriesPerRequest: null }), prefix: this.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }
}
