/** What a key does in the inbox. */
export type ShortcutAction = 'next' | 'previous' | 'open' | 'reply' | 'note' | 'resolve' | 'assignToMe' | 'cannedReplies' | 'help' | 'close';

/** The keys, in the order the help lists them. */
export const SHORTCUTS: ReadonlyArray<{ key: string; action: ShortcutAction }> = [
  { key: 'j', action: 'next' },
  { key: 'k', action: 'previous' },
  { key: 'Enter', action: 'open' },
  { key: 'r', action: 'reply' },
  { key: 'n', action: 'note' },
  { key: 'e', action: 'resolve' },
  { key: 'a', action: 'assignToMe' },
  { key: '/', action: 'cannedReplies' },
  { key: '?', action: 'help' },
  { key: 'Escape', action: 'close' },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The element the key was typed in. */
  target: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const BY_KEY = new Map(SHORTCUTS.map((s) => [s.key, s.action]));

/**
 * The action of a key press, or null: nothing fires while the agent types in a field (Escape aside), nor with
 * Ctrl, Cmd or Alt (the browser's own shortcuts). Enter opens only from the list (on a focused row it is the row's own click).
 */
export function shortcutAction(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const typing = !!press.target && (TYPING_TAGS.has(press.target.tagName ?? '') || press.target.isContentEditable === true);
  if (typing) return press.key === 'Escape' ? 'close' : null;
  if (press.key === 'Enter' && press.target?.tagName === 'BUTTON') return null;
  return BY_KEY.get(press.key) ?? BY_KEY.get(press.key.toLowerCase()) ?? null;
}

/** The row to move to from `current` in a list of `count` rows; stays within the list. */
export function moveCursor(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + step));
}
