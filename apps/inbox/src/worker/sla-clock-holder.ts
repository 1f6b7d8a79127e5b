import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Leases } from '@app/platform/leases/leases';
import { SlaClock } from '@app/sla';
import { holdLease } from './hold-lease';

export const SLA_CLOCK_LEASE = 'sla-clock';

/**
 * Runs the SLA clock in one worker of the installation (in one process: here). Another worker takes the
 * clock over within seconds when its holder dies; the deadlines live in the database, so none is lost.
 */
@Injectable()
export class SlaClockHolder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlaClockHolder.name);
  private readonly stopping = new AbortController();
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly clock: SlaClock, private readonly leases: Leases) {}

  async onApplicationBootstrap(): Promise<void> {
    await new Promise<void>((firstTryDone) => {
      this.loop = holdLease(this.leases, SLA_CLOCK_LEASE, this.stopping.signal, async () => {
        await this.clock.start();
        return async () => this.clock.stop();
      }, this.logger, firstTryDone);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }
}
