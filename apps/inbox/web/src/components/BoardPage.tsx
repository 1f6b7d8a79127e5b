import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Board, BoardChannel, Overview, Policies } from '../api';
import { channelLines } from '../chart-data';
import { parseDuration } from '../../../../../libs/sla/src/duration';
import { formatWait } from '../format-duration';
import { useLang, useT } from '../i18n';
import { useNow } from '../hooks/use-now';
import { useRealtime, useRealtimeThrottled } from '../realtime';
import { useSession } from '../session';
import { ChannelBadge } from './ChannelBadge';
import { LineChart } from './LineChart';
import { TeamQueues } from './TeamQueues';

const REFRESH_EVENTS = ['conversation.updated', 'message.created', 'sla.warning', 'sla.breached'] as const;
const startOfToday = () => {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d;
};

/** The team lead's board: per channel, the load and speed of today, refetched as events arrive. */
export function BoardPage() {
  const t = useT();
  const lang = useLang();
  const { api, socket } = useSession();
  const now = useNow();
  const [board, setBoard] = useState<{ data: Board; receivedAt: number } | null>(null);
  const [policies, setPolicies] = useState<Policies | null>(null);
  const [today, setToday] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const gen = ++generation.current;
    try {
      const since = startOfToday();
      // Today's curve: the hourly series of the reports, from midnight to midnight on the viewer's clock.
      const [data, curve] = await Promise.all([
        api.board(since),
        api.overview({ from: since, to: new Date(since.getTime() + 86_400_000), groupBy: 'hour' }),
      ]);
      if (gen === generation.current) {
        setBoard({ data, receivedAt: Date.now() });
        setToday(curve);
        setError(null);
      }
    } catch (err) {
      if (gen === generation.current) setError(err.message);
    }
  }, [api]);

  useEffect(() => {
    load();
    api.policies().then(setPolicies, () => undefined);
    const safety = setInterval(load, 60_000); // a new day, or events missed while offline
    return () => clearInterval(safety);
  }, [load]);
  // At most one refetch a second however busy the inbox is (the API is rate-limited per address).
  useRealtimeThrottled(socket, [...REFRESH_EVENTS], 1000, load);
  useRealtime(socket, 'ready', load);

  if (!board) return error ? <p class="error center" role="alert">{t.loadFailed}: {error}</p> : <div class="pane-loading" aria-busy="true" />;

  const elapsed = Math.max(0, (now - board.receivedAt) / 1000);
  const wait = (c: BoardChannel) => (c.longestWaitSeconds === null ? null : c.longestWaitSeconds + elapsed);
  const rows = board.data.channels;
  const sum = (f: (c: BoardChannel) => number) => rows.reduce((n, c) => n + f(c), 0);
  const waits = rows.map(wait).filter((w): w is number => w !== null);
  const curve = today ? channelLines(today, 'opened', (id) => rows.find((c) => c.channelId === id)?.name ?? id, { until: board.receivedAt }) : null;

  /** The longest wait against the channel's first-response target: amber from its warning share, red past it. */
  const waitLevel = (c: BoardChannel, seconds: number | null): string => {
    const policy = policies?.channels[c.channelId];
    if (seconds === null || !policy) return '';
    const target = parseDuration(policy.firstResponse) / 1000;
    return seconds >= target ? 'urgency-breached' : seconds >= target * policy.warnAt ? 'urgency-warning' : '';
  };

  return (
    <main class="board">
      <div class="board-head">
        <h1>{t.boardTitle}</h1>
        <span class="hint">{t.boardSubtitle}</span>
        <span class="spacer" />
        <span class="hint" data-board-at={board.data.at}>
          {t.updatedAt(new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(board.receivedAt)))}
        </span>
      </div>
      {error && <p class="error" role="alert">{t.loadFailed}: {error}</p>}
      <table class="board-table">
        <thead>
          <tr>
            <th>{t.channel}</th>
            <th>{t.open}</th>
            <th>{t.unanswered}</th>
            <th>{t.longestWait}</th>
            <th>{t.medianFirstResponse}</th>
            <th>{t.warningsToday}</th>
            <th>{t.breachesToday}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const w = wait(c);
            const policy = policies?.channels[c.channelId];
            return (
              <tr key={c.channelId} data-channel={c.channelId}>
                <th scope="row">
                  <ChannelBadge type={c.type} compact /> <span class="board-channel">{c.name}</span>
                  {policy && <small class="target">{t.target} {formatWait(parseDuration(policy.firstResponse) / 1000, t.units)}</small>}
                </th>
                <td data-field="open">{c.open}</td>
                <td data-field="unanswered" class={c.unanswered > 0 ? 'strong' : ''}>{c.unanswered}</td>
                <td data-field="longestWait" class={waitLevel(c, w)}>{w === null ? '—' : formatWait(w, t.units)}</td>
                <td data-field="medianFirstResponse">{c.medianFirstResponseSecondsToday === null ? '—' : formatWait(c.medianFirstResponseSecondsToday, t.units)}</td>
                <td data-field="warnings" class={c.warningsToday > 0 ? 'urgency-warning' : ''}>{c.warningsToday}</td>
                <td data-field="breaches" class={c.breachesToday > 0 ? 'urgency-breached' : ''}>{c.breachesToday}</td>
              </tr>
            );
          })}
        </tbody>
        {rows.length > 1 && (
          <tfoot>
            <tr data-channel="">
              <th scope="row">{t.total}</th>
              <td data-field="open">{sum((c) => c.open)}</td>
              <td data-field="unanswered">{sum((c) => c.unanswered)}</td>
              <td data-field="longestWait">{waits.length ? formatWait(Math.max(...waits), t.units) : '—'}</td>
              <td>—</td>
              <td data-field="warnings">{sum((c) => c.warningsToday)}</td>
              <td data-field="breaches">{sum((c) => c.breachesToday)}</td>
            </tr>
          </tfoot>
        )}
      </table>
      <TeamQueues />
      {curve && (
        <section class="report-card board-curve" data-opened-today={today!.total[0].opened}>
          <h2>{t.todayCurve}</h2>
          <LineChart label="today" x={curve.x} series={curve.series} height={200} />
        </section>
      )}
    </main>
  );
}
