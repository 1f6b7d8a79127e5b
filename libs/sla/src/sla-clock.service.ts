import { Injectable, Logger } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { Conversation, DomainEvents } from '@app/conversations';
import { DeadlineScheduler } from './deadline-scheduler';
import { SlaEventRecord } from './entities/sla-event.entity';
import { PolicyRegistry } from './policy/policy-registry.service';
import { slaClockOf, slaDeadlines } from './sla-clock-state';

/** How far ahead deadlines are held in memory; the rest stay in the database until they come near. */
const HORIZON_MS = 10 * 60_000;
const LOAD_BATCH = 5_000;

/**
 * Fires `sla.warning` and `sla.breached` at their moments. It does not scan the table on a timer: it holds
 * the deadlines of the next ten minutes in a heap (loaded through the warnAt/dueAt indexes, refilled as
 * the window moves) and follows every conversation change through the domain events. Deadlines that
 * passed while the server was down are in the first load and fire at start.
 *
 * One clock runs in the installation: the worker role starts it under a lease (`start`/`stop`), and a worker
 * that takes the lease over loads the deadlines afresh, so what fell due meanwhile fires then.
 */
@Injectable()
export class SlaClock {
  private readonly logger = new Logger(SlaClock.name);
  private scheduler = this.newScheduler();
  private refillTimer: NodeJS.Timeout | null = null;
  private loadedUntil = 0;
  private off: (() => void) | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly events: DomainEvents,
    private readonly policies: PolicyRegistry,
    private readonly clock: Clock,
  ) {}

  async start(): Promise<void> {
    this.scheduler.stop();
    this.scheduler = this.newScheduler();
    this.loadedUntil = 0;
    this.off = this.events.on('conversation.updated', ({ conversation }) => this.follow(conversation));
    await this.refill();
    this.refillTimer = setInterval(() => void this.refill().catch((err) => this.logger.error(`SLA refill failed: ${err.message}`)), HORIZON_MS / 2);
    this.refillTimer.unref?.();
  }

  stop(): void {
    this.off?.();
    this.off = null;
    if (this.refillTimer) clearInterval(this.refillTimer);
    this.refillTimer = null;
    this.scheduler.stop();
  }

  private newScheduler(): DeadlineScheduler {
    return new DeadlineScheduler((id) => void this.fire(id).catch((err) => this.logger.error(`SLA check of conversation ${id} failed: ${err.message}`)), () => this.clock.now().getTime());
  }

  /** Deadlines held in memory now (for health and benchmarks). */
  get pending(): number {
    return this.scheduler.size;
  }

  /** Loads every conversation whose next alert falls before the end of the window, page by page. */
  private async refill(): Promise<void> {
    const until = this.clock.now().getTime() + HORIZON_MS;
    let afterId = 0;
    for (;;) {
      const rows: Array<Pick<Conversation, 'id' | 'warnAt' | 'dueAt' | 'slaState' | 'status'>> = await this.db.getRepository(Conversation)
        .createQueryBuilder('c')
        .select(['c.id', 'c.warnAt', 'c.dueAt', 'c.slaState', 'c.status'])
        .where(new Brackets((b) => b
          .where('c.slaState = :ok AND c.warnAt <= :until', { ok: 'ok', until })
          .orWhere('c.slaState = :warning AND c.dueAt <= :until', { warning: 'warning' })))
        .andWhere('c.id > :afterId', { afterId })
        .orderBy('c.id', 'ASC')
        .take(LOAD_BATCH)
        .getMany();
      rows.forEach((row) => this.follow(row));
      if (rows.length < LOAD_BATCH) break;
      afterId = rows[rows.length - 1].id;
    }
    this.loadedUntil = until;
  }

  /** Schedules (or drops) the conversation's next alert after any change. */
  private follow(c: Pick<Conversation, 'id' | 'warnAt' | 'dueAt' | 'slaState' | 'status'>): void {
    const next = nextAlertAt(c);
    if (next === null) this.scheduler.cancel(c.id);
    else if (next <= Math.max(this.loadedUntil, this.clock.now().getTime() + HORIZON_MS)) this.scheduler.schedule(c.id, next);
    else this.scheduler.cancel(c.id); // the refill brings it back when it comes near
  }

  /**
   * Fires what is due for one conversation. Every process may hold the same deadline, so each step is a
   * conditional update (ok → warning, then ok/warning → breached, each only once its moment passed): the one
   * process whose update changes the row stores and pushes that alert; the others change nothing and stay silent.
   */
  private async fire(id: number): Promise<void> {
    const fired = await this.uow.run(async (m) => {
      const now = this.clock.now();
      const won: Array<'warning' | 'breached'> = [];
      const steps = [
        { kind: 'warning' as const, from: ['ok'], moment: '"warnAt"' },
        { kind: 'breached' as const, from: ['ok', 'warning'], moment: '"dueAt"' },
      ];
      for (const step of steps) {
        const result = await m.createQueryBuilder().update(Conversation).set({ slaState: step.kind })
          .where(`id = :id AND "slaState" IN (:...from) AND ${step.moment} <= :now`, { id, from: step.from, now: now.getTime() })
          .execute();
        if (result.affected === 1) won.push(step.kind);
      }
      if (!won.length) return [];
      const c = await m.findOneByOrFail(Conversation, { id });
      const policy = this.policies.forChannel(c.channelId);
      const target = slaDeadlines(slaClockOf(c.slaClock), policy).dueTarget ?? 'firstResponse';
      const alerts = won.map((kind) => m.create(SlaEventRecord, {
        conversationId: c.id, channelId: c.channelId, kind, target, dueAt: c.dueAt, startedAt: null, at: now, agentId: c.assigneeId,
      }));
      await m.save(alerts);
      return [{ conversation: c, alerts }];
    });
    for (const { conversation, alerts } of fired) {
      for (const a of alerts) {
        this.events.emit(a.kind === 'warning' ? 'sla.warning' : 'sla.breached', {
          conversationId: a.conversationId, channelId: a.channelId, target: a.target, dueAt: a.dueAt!.toISOString(), at: a.at.toISOString(), assigneeId: a.agentId,
        });
      }
      this.events.emit('conversation.updated', { conversation, reason: 'sla' });
    }
    if (!fired.length) {
      const c = await this.db.getRepository(Conversation).findOneBy({ id });
      if (c) this.follow(c);
    }
  }
}

/** The moment of the conversation's next alert: its warning while ok, its deadline while warned. */
export function nextAlertAt(c: Pick<Conversation, 'warnAt' | 'dueAt' | 'slaState' | 'status'>): number | null {
  if (c.status === 'resolved' || !c.dueAt) return null;
  if (c.slaState === 'ok') return (c.warnAt ?? c.dueAt).getTime();
  if (c.slaState === 'warning') return c.dueAt.getTime();
  return null;
}
