/** Where the reply box's `/` picker is typed, and how a chosen reply goes in (no DOM: unit-tested). */

export interface CannedTrigger {
  /** Index of the `/`. */
  start: number;
  /** What follows it up to the caret: the search. */
  query: string;
}

/**
 * The `/word` the caret is in: a `/` at the start of the text or of a word (after a space or a new line), then
 * anything but spaces up to the caret. A slash inside a word (`и/или`, a URL) is no trigger.
 */
export function cannedTriggerAt(text: string, caret: number): CannedTrigger | null {
  const match = /(^|\s)\/([^\s/]{0,50})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2] };
}

/** The text with `[start, end)` replaced by the insertion, and the caret just after it. */
export function replaceRange(text: string, start: number, end: number, insertion: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insertion + text.slice(end), caret: start + insertion.length };
}
