import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationView } from '../api';
import { appendPage, applyUpdate, ListFilter, mergeFirstPage, toQuery } from '../conversation-list';
import { useRealtime } from '../realtime';
import { useSession } from '../session';

/**
 * Pushes are nudges sent after the commit over Redis pub/sub: one can be lost (a process killed between its commit
 * and its publish, the API's Redis connection dropping) while this page's socket stays up, so no reconnect refetches.
 * A quiet refresh of the first page this often bounds how long such a loss shows.
 */
const SAFETY_REFRESH_MS = 60_000;

interface ListState {
  items: ConversationView[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
}

/**
 * The conversations matching a filter, most urgent first, kept current by `conversation.updated`:
 * a pushed conversation takes its place (or leaves) without a refetch; a text search refetches instead.
 */
export function useConversationList(filter: ListFilter) {
  const { api, socket, me } = useSession();
  const [state, setState] = useState<ListState>({ items: [], nextCursor: null, loading: true, error: null });
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const generation = useRef(0);
  // Updates that arrive while a fetch is in flight are applied to its result too, so none is lost.
  const inFlight = useRef<ConversationView[] | null>(null);
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(async () => {
    const gen = ++generation.current;
    inFlight.current = [];
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await api.conversations(toQuery(filterRef.current));
      if (gen !== generation.current) return;
      const missed = inFlight.current ?? [];
      inFlight.current = null;
      const items = missed.reduce((list, c) => applyUpdate(list, c, filterRef.current, me.agentId, Date.now()), page.items);
      setState({ items, nextCursor: page.nextCursor, loading: false, error: null });
    } catch (err) {
      if (gen === generation.current) setState((s) => ({ ...s, loading: false, error: err.message }));
    }
  }, [api, me.agentId]);

  const { who, channel, team, status, label, breaching, q, withBot } = filter;
  useEffect(() => {
    reload();
  }, [reload, who, channel, team, status, label, breaching, q, withBot]);

  const loadMore = useCallback(async () => {
    if (!state.nextCursor) return;
    const gen = generation.current;
    const page = await api.conversations(toQuery(filterRef.current), state.nextCursor);
    if (gen === generation.current) setState((s) => ({ ...s, items: appendPage(s.items, page.items), nextCursor: page.nextCursor }));
  }, [api, state.nextCursor]);

  useRealtime(socket, 'conversation.updated', (c) => {
    if (filterRef.current.q.trim()) {
      if (!refetchTimer.current) refetchTimer.current = setTimeout(() => { refetchTimer.current = null; reload(); }, 500);
      return;
    }
    inFlight.current?.push(c);
    setState((s) => ({ ...s, items: applyUpdate(s.items, c, filterRef.current, me.agentId, Date.now()) }));
  });

  // The safety refresh: the first page laid over the list (further pages kept), no spinner; skipped while the tab is
  // hidden or another fetch is under way, and updates pushed during it are applied again on top, as in reload.
  const refresh = useCallback(async () => {
    if (document.visibilityState === 'hidden' || inFlight.current) return;
    const gen = generation.current;
    inFlight.current = [];
    try {
      const page = await api.conversations(toQuery(filterRef.current));
      if (gen !== generation.current) return;
      const missed = inFlight.current ?? [];
      const now = Date.now();
      setState((s) => ({
        ...s,
        items: missed.reduce((list, c) => applyUpdate(list, c, filterRef.current, me.agentId, now), mergeFirstPage(s.items, page.items, page.nextCursor !== null)),
        nextCursor: page.nextCursor === null ? null : s.nextCursor ?? page.nextCursor,
      }));
    } catch {
      // The next refresh tries again; the list shown stays as it was.
    } finally {
      if (gen === generation.current) inFlight.current = null;
    }
  }, [api, me.agentId]);
  useEffect(() => {
    const timer = setInterval(refresh, SAFETY_REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  // After a reconnect, events may have been missed: fetch again (the first `ready` is the initial connect).
  const connectedBefore = useRef(false);
  useRealtime(socket, 'ready', () => {
    if (connectedBefore.current) reload();
    connectedBefore.current = true;
  });
  useEffect(() => () => { if (refetchTimer.current) clearTimeout(refetchTimer.current); }, []);

  return { ...state, reload, loadMore };
}
