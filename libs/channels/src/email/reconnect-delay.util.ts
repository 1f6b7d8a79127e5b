/**
 * Wait before reconnect attempt `attempt` (1-based): doubling from `baseMs` up to `maxMs`, with ±20 % jitter so
 * mailboxes that dropped together do not reconnect in lockstep.
 */
export function reconnectDelayMs(attempt: number, baseMs = 1000, maxMs = 60_000, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
