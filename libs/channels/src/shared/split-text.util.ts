// Boundaries in order of preference; each pattern matches the separator, the cut goes after it.
const BOUNDARIES: RegExp[] = [
  /\n\s*\n/g, // paragraph
  /\n/g, // line
  /[.!?…]+["'»”’)\]]*\s+/g, // sentence
  /[;:,]\s+/g, // clause
  /\s+/g, // word
];

/**
 * Splits a text into parts of at most `limit` UTF-16 units, cutting at the last paragraph, line, sentence,
 * clause or word boundary in the second half of the window (so no part is needlessly short), and only as a
 * last resort mid-word, never inside a surrogate pair. Whitespace at the cuts is dropped.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 2) throw new RangeError('limit must be at least 2');
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = cutPosition(rest, limit);
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest || parts.length === 0) parts.push(rest);
  return parts;
}

function cutPosition(text: string, limit: number): number {
  // Look one character past the window: a separator starting exactly at the limit still counts.
  const window = text.slice(0, limit + 1);
  for (const boundary of BOUNDARIES) {
    const end = lastSeparatorEnd(window, boundary, limit);
    if (end !== null && end > limit / 2) return end;
  }
  // No boundary at all: cut hard, but keep a surrogate pair (an emoji) whole.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** The end of the last separator whose part (the text before it, with its punctuation) fits in `limit`. */
function lastSeparatorEnd(window: string, boundary: RegExp, limit: number): number | null {
  let found: number | null = null;
  boundary.lastIndex = 0;
  for (let m = boundary.exec(window); m; m = boundary.exec(window)) {
    if (m.index + m[0].trimEnd().length > limit) break;
    found = m.index + m[0].length;
  }
  return found;
}
