import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TeamQueue } from '../api';
import { formatWait } from '../format-duration';
import { useT } from '../i18n';
import { useTeams } from '../hooks/use-teams';
import { navigate } from '../hooks/use-path';
import { useRealtime, useRealtimeThrottled } from '../realtime';
import { useSession } from '../session';
import { ChannelBadge } from './ChannelBadge';
import { Name } from './Name';

const REFRESH_EVENTS = ['conversation.updated', 'routing.changed'] as const;

/** The team lead's queue view: who waits in urgency order, the longest wait, who is online with how much room; live. */
export function TeamQueuePage() {
  const t = useT();
  const { api, me, socket } = useSession();
  const teams = useTeams().filter((team) => me.role === 'ops' || team.members.some((m) => m.agentId === me.agentId && m.lead));
  const [teamId, setTeamId] = useState<number | null>(null);
  const [queue, setQueue] = useState<TeamQueue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const shown = teamId ?? teams[0]?.id ?? null;

  const load = useCallback(async () => {
    if (shown === null) return;
    const gen = ++generation.current;
    try {
      const data = await api.teamQueue(shown);
      if (gen === generation.current) {
        setQueue(data);
        setError(null);
      }
    } catch (err) {
      if (gen === generation.current) setError(err.message);
    }
  }, [api, shown]);
  useEffect(() => {
    void load();
  }, [load]);
  useRealtimeThrottled(socket, [...REFRESH_EVENTS], 300, load);
  useRealtime(socket, 'ready', load);

  if (!teams.length) return <p class="empty center">{t.noTeams}</p>;
  return (
    <div class="queue-page">
      <header class="board-head">
        <h1>{t.queueTitle}</h1>
        <select aria-label={t.team} value={shown ?? ''} onChange={(e) => setTeamId(Number(e.currentTarget.value))}>
          {teams.map((team) => <option key={team.id} value={team.id}>{team.name} · {t.line(team.line)}</option>)}
        </select>
      </header>
      {error && <p class="error" role="alert">{t.loadFailed}: {error}</p>}
      {queue && queue.team.id === shown && (
        <>
          <p class="queue-figures">
            <span>{t.waiting}: <strong data-field="waiting">{queue.waiting.length}</strong></span>
            <span>{t.longestWait}: <strong data-field="longestWait">{queue.longestWaitSeconds === null ? '—' : formatWait(queue.longestWaitSeconds, t.units)}</strong></span>
          </p>
          <h2>{t.whoIsOnline}</h2>
          <table class="queue-members">
            <tbody>
              {queue.members.map((m) => (
                <tr key={m.agentId} data-agent={m.agentId} data-availability={m.away ? 'away' : m.availability}>
                  <td>{m.name}</td>
                  <td>{t[`availability_${m.availability}`]}</td>
                  <td data-field="load">{t.load(m.holding, m.capacity)}</td>
                  <td>{t.room}: {Math.max(0, m.capacity - m.holding)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t.waiting}</h2>
          {queue.waiting.length === 0 ? <p class="empty">{t.queueEmpty}</p> : (
            <ol class="queue-waiting">
              {queue.waiting.map((c) => (
                <li key={c.id} data-conversation={c.id}>
                  <a href={`/?c=${c.id}`} onClick={(e) => { e.preventDefault(); navigate(`/?c=${c.id}`); }}><ChannelBadge type={c.channel.type} name={c.channel.name} compact /> <Name value={c.contact.name} /></a>
                  <span class="preview">{c.lastMessagePreview}</span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  );
}
