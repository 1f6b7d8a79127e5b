/** A request slower than this is logged even when it succeeded. */
export const SLOW_REQUEST_MS = 1000;

/**
 * The level of a request's log line: server errors at error, client errors (a bad body, a wrong token) at warn,
 * slow requests at info, everything else at debug, so an ordinary request adds no line at the default level.
 */
export function requestLogLevel(statusCode: number, failed: boolean, elapsedMs: number): 'error' | 'warn' | 'info' | 'debug' {
  if (statusCode >= 500 || (failed && statusCode < 400)) return 'error';
  if (statusCode >= 400) return 'warn';
  if (elapsedMs >= SLOW_REQUEST_MS) return 'info';
  return 'debug';
}
