/**
 * `promise`, or a rejection with `message` once `ms` have passed (an `AbortSignal.timeout`), for calls of a
 * library that takes no signal of its own (a browser launch, an IMAP logout).
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, message = `timed out after ${ms} ms`): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  let onAbort: () => void = () => undefined;
  const timedOut = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error(message));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, timedOut]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** Waits at most `ms` for `promise` to settle, whatever its outcome (shutting down must not hang on it). */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  await withTimeout(promise, ms).catch(() => undefined);
}
