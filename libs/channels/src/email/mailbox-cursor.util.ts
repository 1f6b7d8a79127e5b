/** How far a mailbox has been read: stored with ctx.cursors after the messages it covers are stored. */
export interface MailboxCursor {
  uidValidity: string;
  /** The highest UID already stored (or skipped on purpose). */
  lastUid: number;
  /** When the channel first read this mailbox: a full resync goes back to then, not to the mailbox's first mail. */
  since: string;
}

export type SyncPlan =
  /** The first time: start at the end of the mailbox (mail from before the channel existed is not imported). */
  | { kind: 'start-at-end' }
  /** New mail: every UID above the last one stored. */
  | { kind: 'after'; lastUid: number }
  /**
   * UIDVALIDITY changed, so stored UIDs mean nothing: read everything that arrived since the channel started
   * (INTERNALDATE, with slack for the clocks); what was stored before is deduplicated by Message-ID.
   */
  | { kind: 'resync'; since: Date };

/** Slack for the IMAP server's clock, which stamps each message's arrival (INTERNALDATE), against ours. */
const CLOCK_SLACK_MS = 10 * 60 * 1000;

export function cursorKey(mailbox: string): string {
  return `imap:${mailbox}`;
}

export function parseCursor(value: string | null | undefined): MailboxCursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<MailboxCursor>;
    if (typeof parsed.uidValidity !== 'string' || !Number.isInteger(parsed.lastUid) || typeof parsed.since !== 'string') return null;
    return { uidValidity: parsed.uidValidity, lastUid: parsed.lastUid as number, since: parsed.since };
  } catch {
    return null;
  }
}

export function formatCursor(cursor: MailboxCursor): string {
  return JSON.stringify({ uidValidity: cursor.uidValidity, lastUid: cursor.lastUid, since: cursor.since });
}

export function planSync(cursor: MailboxCursor | null, uidValidity: string): SyncPlan {
  if (!cursor) return { kind: 'start-at-end' };
  if (cursor.uidValidity !== uidValidity) {
    const since = Date.parse(cursor.since);
    return { kind: 'resync', since: new Date(Number.isNaN(since) ? 0 : since - CLOCK_SLACK_MS) };
  }
  return { kind: 'after', lastUid: cursor.lastUid };
}
