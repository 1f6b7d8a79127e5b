/**
 * Keyset cursor of the inbox list. Conversations with a deadline come first (phase 0, by dueAt), then those
 * without (phase 1); inside both, the longest waiting first, then id. Two phases keep each walk on an index
 * instead of sorting NULLs.
 */
export interface ListCursor {
  phase: 0 | 1;
  dueAt: number | null;
  waitingSince: number;
  id: number;
}

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.phase, cursor.dueAt, cursor.waitingSince, cursor.id])).toString('base64url');
}

/** Returns null for anything that is not a cursor this API issued. */
export function decodeCursor(raw: string): ListCursor | null {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 4) return null;
    const [phase, dueAt, waitingSince, id] = value;
    if ((phase !== 0 && phase !== 1) || !Number.isInteger(waitingSince) || !Number.isInteger(id)) return null;
    if (phase === 0 ? !Number.isInteger(dueAt) : dueAt !== null) return null;
    return { phase, dueAt, waitingSince, id };
  } catch {
    return null;
  }
}
