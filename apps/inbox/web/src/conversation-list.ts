/** The list's filter and order, applied to live updates the way the server applies them to a fetch (no DOM: unit-tested). */
import type { ConversationStatus, ConversationView, ListQuery } from './api';

export interface ListFilter {
  who: 'all' | 'mine' | 'unassigned';
  channel: string;
  /** A team id, or null for every team. */
  team: number | null;
  /** '' = everything but resolved, as the server's default. */
  status: '' | ConversationStatus;
  breaching: boolean;
  q: string;
  /** A label id; '' or absent = any. */
  label?: string;
  /** The "With the bot" tab: only the conversations the bot holds; otherwise (the default) none of them. */
  withBot?: boolean;
}

export const NO_FILTER: ListFilter = { who: 'all', channel: '', team: null, status: '', breaching: false, q: '' };

/** Whether the bot holds the conversation (answering it, or closed by it): nobody's work yet. */
export const heldByBot = (c: Pick<ConversationView, 'bot'>): boolean => c.bot !== null && c.bot.state !== 'handed_over';

export function toQuery(f: ListFilter): ListQuery {
  return {
    status: f.status || undefined,
    channel: f.channel || undefined,
    team: f.team ?? undefined,
    assignee: f.who === 'mine' ? 'me' : f.who === 'unassigned' ? 'none' : undefined,
    breaching: f.breaching || undefined,
    q: f.q.trim() || undefined,
    label: f.label || undefined,
    bot: f.withBot ? 'only' : undefined,
  };
}

/** Whether a conversation belongs in the list; text search is the server's alone (the caller refetches). */
export function matchesFilter(c: ConversationView, f: ListFilter, meId: number, nowMs: number): boolean {
  if (f.status ? c.status !== f.status : c.status === 'resolved') return false;
  if (f.channel && c.channel.id !== f.channel) return false;
  if (f.team !== null && c.teamId !== f.team) return false;
  if (f.who === 'mine' && c.assigneeId !== meId) return false;
  if (f.who === 'unassigned' && c.assigneeId !== null) return false;
  if (f.label && !c.labels?.some((l) => String(l.id) === f.label)) return false;
  if (heldByBot(c) !== (f.withBot ?? false)) return false;
  if (f.breaching && !(c.slaState === 'breached' || (c.dueAt !== null && Date.parse(c.dueAt) <= nowMs))) return false;
  return true;
}

/** Most urgent first: the earliest deadline, then whoever has waited longest, then the oldest id. */
export function byUrgency(a: ConversationView, b: ConversationView): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    const d = Date.parse(a.dueAt) - Date.parse(b.dueAt);
    if (d !== 0) return d;
  }
  return Date.parse(a.waitingSince) - Date.parse(b.waitingSince) || a.id - b.id;
}

/** The list after a live update of one conversation: replaced, added in its place, or dropped when it no longer matches. */
export function applyUpdate(items: ConversationView[], c: ConversationView, f: ListFilter, meId: number, nowMs: number): ConversationView[] {
  const rest = items.filter((x) => x.id !== c.id);
  if (!matchesFilter(c, f, meId, nowMs)) return rest.length === items.length ? items : rest;
  return [...rest, c].sort(byUrgency);
}

/** Appends a further page, skipping what live updates already brought in. */
export function appendPage(items: ConversationView[], page: ConversationView[]): ConversationView[] {
  const seen = new Set(items.map((c) => c.id));
  return [...items, ...page.filter((c) => !seen.has(c.id))];
}

/**
 * The list after a fresh first page (the safety refresh): within the page's range the page is the truth (its
 * conversations replace theirs, and those it no longer holds are dropped: they changed or left while a push was lost);
 * what the list holds beyond that range (further pages loaded) stays. `hasMore`: the server has more after the page.
 */
export function mergeFirstPage(items: ConversationView[], page: ConversationView[], hasMore: boolean): ConversationView[] {
  if (!hasMore || page.length === 0) return page;
  const last = page[page.length - 1];
  const inPage = new Set(page.map((c) => c.id));
  return [...page, ...items.filter((c) => !inPage.has(c.id) && byUrgency(last, c) < 0)];
}
