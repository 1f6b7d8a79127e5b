import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ConversationRouting } from '../api';
import { formatMoment } from '../format-time';
import { useLang, useT } from '../i18n';
import { useRealtime } from '../realtime';
import { useSession } from '../session';

/**
 * On top of a conversation: its team and line, the latest escalation note (so the next agent never asks the
 * customer to repeat the story), and the escalate action with its note.
 */
export function RoutingBanner({ conversationId }: { conversationId: number }) {
  const t = useT();
  const lang = useLang();
  const { api, agents, socket } = useSession();
  const [routing, setRouting] = useState<ConversationRouting | null>(null);
  const [writing, setWriting] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.conversationRouting(conversationId).then(setRouting, () => undefined);
  }, [api, conversationId]);
  useEffect(load, [load]);
  useRealtime(socket, 'conversation.updated', (c) => { if (c.id === conversationId && c.teamId !== routing?.team?.id) load(); });
  if (!routing) return null;
  const escalate = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      setRouting((await api.escalate(conversationId, note.trim())).routing);
      setWriting(false);
      setNote('');
    } catch (err) {
      setError(err.message);
    }
  };
  const author = (id: number | null) => agents.find((a) => a.id === id)?.name ?? '';
  const last = routing.escalation;
  return (
    <div class="routing-banner">
      <div class="routing-line">
        {routing.team && <span class="team" data-team={routing.team.id}>{t.team}: {routing.team.name} · {t.line(routing.team.line)}</span>}
        <button type="button" class="link" onClick={() => setWriting(!writing)}>{t.escalate}</button>
      </div>
      {last?.note && (
        <aside class="escalation-note" role="note" aria-label={t.escalatedBy}>
          <strong>{t.escalatedBy}</strong> <small>{author(last.agentId)} · {formatMoment(last.at, lang)}</small>
          <p>{last.note}</p>
        </aside>
      )}
      {writing && (
        <form class="escalate-form" onSubmit={escalate}>
          <textarea aria-label={t.escalateNote} placeholder={t.escalateNote} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          <button type="submit" disabled={!note.trim()}>{t.escalateSend}</button>
          {error && <span class="error" role="alert">{error}</span>}
        </form>
      )}
    </div>
  );
}
