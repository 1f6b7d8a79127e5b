/**
 * Who may talk to a web chat channel from a browser: the inbox's own pages (the full-page /chat), and the sites
 * the channel lists in `allowedOrigins`. A request without an Origin header is not from a page (a server, curl):
 * CORS does not concern it, and its token is what authenticates it.
 */
export function isAllowedOrigin(origin: string | undefined, ownOrigin: string, allowedOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  const wanted = origin.toLowerCase();
  return wanted === ownOrigin.toLowerCase() || allowedOrigins.some((o) => o.toLowerCase() === wanted);
}

/** The inbox's own origin as the browser addressed it (`http://host:port`), behind a proxy by its forwarded protocol. */
export function ownOriginOf(protocol: string, host: string | undefined): string {
  return `${protocol}://${host ?? ''}`;
}
