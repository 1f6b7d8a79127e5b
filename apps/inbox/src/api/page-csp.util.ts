import { createHash } from 'node:crypto';

/** 'sha256-…' sources for every inline <script> and <style> block of a page, so its CSP can allow exactly those. */
export function inlineHashes(html: string, tag: 'script' | 'style'): string[] {
  const blocks = html.matchAll(new RegExp(`<${tag}(?![^>]*\\ssrc=)[^>]*>([\\s\\S]*?)</${tag}>`, 'gi'));
  return [...blocks].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}

/**
 * The CSP of a page customers load (the web chat): its own inline code and our origin only, and framed only by
 * the pages the operator allows (`server.frameAncestors`).
 */
export function customerPageCsp(html: string, frameAncestors: string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineHashes(html, 'script').join(' ')}`.trim(),
    `style-src 'self' ${inlineHashes(html, 'style').join(' ')}`.trim(),
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}
