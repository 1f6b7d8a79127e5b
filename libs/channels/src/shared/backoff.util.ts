/**
 * The wait before retry `attempt` (1-based): doubling from `baseMs` up to `maxMs`. With `jitter` (0.2 = ±20 %)
 * connections that dropped together do not all come back in the same instant.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, jitter = 0, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return jitter ? Math.round(exponential * (1 - jitter + 2 * jitter * random())) : exponential;
}
