/** One run of a message's text: plain, or a link to open. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

// http(s) addresses and bare www. ones; trailing punctuation (a sentence's full stop, a closing bracket with no
// opening one in the address) stays text.
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"«»]+/giu;
const TRAILING = /[.,;:!?…)\]}'’"»]+$/u;

/**
 * Splits text into plain runs and links, so a message's addresses are clickable while the text stays text
 * (rendered as text nodes, never as HTML). Only http and https links: a `javascript:` or `data:` text is never a link.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    const trailing = url.match(TRAILING)?.[0] ?? '';
    url = url.slice(0, url.length - trailing.length);
    // Keep a closing bracket that closes one inside the address (Wikipedia's "Foo_(bar)").
    const opened = (url.match(/\(/g) ?? []).length - (url.match(/\)/g) ?? []).length;
    if (opened > 0 && trailing.startsWith(')')) url += ')';
    if (url.replace(/^(https?:\/\/|www\.)/i, '').length === 0) continue;
    const start = match.index!;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, href: /^www\./i.test(url) ? `https://${url}` : url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
