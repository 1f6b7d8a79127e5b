/** A team's queue in SQL: most urgent first (earliest deadline, none last), then longest waiting, then oldest. */
export const QUEUE_ORDER = 'CASE WHEN "dueAt" IS NULL THEN 1 ELSE 0 END, "dueAt", "waitingSince", id';

interface Queued {
  id: number;
  dueAt: Date | null;
  waitingSince: Date;
}

/** The same order in memory (for views read through the ORM). */
export function byQueueOrder(a: Queued, b: Queued): number {
  const due = (c: Queued) => c.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return due(a) - due(b) || a.waitingSince.getTime() - b.waitingSince.getTime() || a.id - b.id;
}
