import { Logger } from '@nestjs/common';
import { Leases } from '@app/platform/leases/leases';

/** Starts what the lease guards; returns how to stop it. */
export type HeldWork = () => Promise<() => Promise<void>>;

/**
 * Keeps asking for a lease until `signal` aborts; while held, runs the work, and stops it when the lease is
 * lost (another process may already have taken it) or the process stops. `firstTryDone` is called once the
 * first try is over (the work started, or the lease was held elsewhere), so start-up can wait for it.
 */
export async function holdLease(leases: Leases, name: string, signal: AbortSignal, work: HeldWork, logger: Logger, firstTryDone: () => void = () => undefined): Promise<void> {
  const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  while (!signal.aborted) {
    const lease = await leases.tryAcquire(name).catch((err: Error) => {
      logger.warn(`${name}: could not ask for its lease: ${err.message}`);
      return null;
    });
    if (lease) {
      const stop = await work().finally(firstTryDone);
      await Promise.race([lease.lost, aborted]);
      if (!signal.aborted) logger.warn(`${name}: lease lost; stopped here until it is held again`);
      await stop().catch((err: Error) => logger.warn(`${name} did not stop cleanly: ${err.message}`));
      await lease.release().catch(() => undefined);
    }
    firstTryDone();
    if (!signal.aborted) await Promise.race([aborted, new Promise((resolve) => setTimeout(resolve, leases.retryMs).unref())]);
  }
}
