import { useCallback, useEffect, useState } from 'preact/hooks';
import type { TeamQueueLine } from '../api';
import { formatWait } from '../format-duration';
import { useT } from '../i18n';
import { useRealtime, useRealtimeThrottled } from '../realtime';
import { useSession } from '../session';

const REFRESH_EVENTS = ['conversation.updated', 'routing.changed'] as const;

/** The board's line per team: how many wait (and how many came from an overflow), the longest wait, who is online with room. */
export function TeamQueues() {
  const t = useT();
  const { api, socket } = useSession();
  const [lines, setLines] = useState<TeamQueueLine[] | null>(null);
  const load = useCallback(() => {
    api.teamQueues().then((r) => setLines(r.teams), () => undefined);
  }, [api]);
  useEffect(load, [load]);
  useRealtimeThrottled(socket, [...REFRESH_EVENTS], 1000, load);
  useRealtime(socket, 'ready', load);
  if (!lines?.length) return null;
  return (
    <section class="team-queues">
      <h2>{t.teamQueues}</h2>
      <table class="board-table">
        <thead>
          <tr><th>{t.team}</th><th>{t.waiting}</th><th>{t.overflowed}</th><th>{t.longestWait}</th><th>{t.onlineRoom}</th></tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.teamId} data-team={l.teamId}>
              <th scope="row">{l.name} <small class="target">{t.line(l.line)}</small></th>
              <td data-field="waiting">{l.waiting}</td>
              <td data-field="overflowed">{l.overflowed}</td>
              <td data-field="longestWait">{l.longestWaitSeconds === null ? '—' : formatWait(l.longestWaitSeconds, t.units)}</td>
              <td data-field="online">{l.online} ({l.room})</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
