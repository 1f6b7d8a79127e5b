/** Exponential backoff: base × 2^(attempt−1), capped; the peer's own wish (Retry-After) wins when it is longer. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, peerWishMs?: number): number {
  const backoff = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return peerWishMs !== undefined ? Math.max(backoff, peerWishMs) : backoff;
}
