/** The HttpOnly cookie naming a browser session (its secret; the server keeps only its hash). */
export const SESSION_COOKIE = 'inbox_session';
/** The CSRF token, readable by the inbox's own page, which sends it back as `X-CSRF-Token` on every write. */
export const CSRF_COOKIE = 'inbox_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing: no CSRF token needed. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method.toUpperCase());

/** One cookie's value from a `Cookie` header, or null (the first of duplicates, as browsers send the most specific first). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Whether a browser request comes from the inbox's own origin: no Origin header (same-origin GETs, non-browser
 * clients), one whose host is the Host the request was sent to, or `server.publicUrl`'s origin (behind a proxy
 * that does not pass the Host on).
 */
export function isSameOrigin(origin: string | undefined, host: string | undefined, publicUrl?: string): boolean {
  if (!origin) return true;
  try {
    const from = new URL(origin);
    return (!!host && from.host === host) || (!!publicUrl && from.origin === new URL(publicUrl).origin);
  } catch {
    return false;
  }
}
