/** How urgent a conversation is at a moment, from the deadline fields the API gives (no DOM: unit-tested). */
export type Urgency = 'none' | 'ok' | 'warning' | 'breached';

export interface Deadlines {
  dueAt: string | null;
  warnAt: string | null;
  slaState: 'ok' | 'warning' | 'breached';
  firstResponseDueAt?: string | null;
  nextResponseDueAt?: string | null;
  resolutionDueAt?: string | null;
}

export interface Countdown {
  urgency: Urgency;
  /** Milliseconds to the next deadline (negative once it passed), or null when there is none. */
  msLeft: number | null;
  /** Which target the next deadline is. */
  target: 'firstResponse' | 'nextResponse' | 'resolution' | null;
}

/**
 * Amber from warnAt, red from dueAt, whichever the client's clock reaches first or the server already said
 * (slaState), so the colour changes on time even between realtime events.
 */
export function countdownAt(c: Deadlines, nowMs: number): Countdown {
  const due = c.dueAt ? Date.parse(c.dueAt) : null;
  if (due === null) return { urgency: c.slaState === 'ok' ? 'none' : c.slaState, msLeft: null, target: null };
  const msLeft = due - nowMs;
  const target = c.firstResponseDueAt === c.dueAt ? 'firstResponse' : c.nextResponseDueAt === c.dueAt ? 'nextResponse' : c.resolutionDueAt === c.dueAt ? 'resolution' : null;
  if (msLeft <= 0 || c.slaState === 'breached') return { urgency: 'breached', msLeft, target };
  const warn = c.warnAt ? Date.parse(c.warnAt) : null;
  if (c.slaState === 'warning' || (warn !== null && nowMs >= warn)) return { urgency: 'warning', msLeft, target };
  return { urgency: 'ok', msLeft, target };
}
