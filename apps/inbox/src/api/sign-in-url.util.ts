/**
 * The one-time sign-in link of an agent: `server.publicUrl` (else the address the request came to, else
 * localhost on PORT) with the secret after `#`, so the secret is never sent to a server, logged or passed on as
 * a referrer; the page reads it and posts it to /api/session/link.
 */
export function signInUrl(secret: string, config: { publicUrl?: string; port: number }, requestOrigin?: string): string {
  const base = config.publicUrl ?? requestOrigin ?? `http://localhost:${config.port}`;
  return `${base.replace(/\/+$/, '')}/#signin=${encodeURIComponent(secret)}`;
}
