/**
 * Whether a visitor's file may be kept: its content type must match the channel's allow-list (`image/*` or an
 * exact type). Types a browser would run or render as a page — SVG, HTML, XML, JavaScript — are never accepted,
 * whatever the list says: agents download files, but a file should not be a page to begin with.
 */
const NEVER = /^(image\/svg\+xml|text\/html|application\/xhtml\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript|application\/x-javascript)$/;

export function isAllowedUploadType(contentType: string, allowed: readonly string[]): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(type) || NEVER.test(type)) return false;
  return allowed.some((pattern) => (pattern.endsWith('/*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern));
}
