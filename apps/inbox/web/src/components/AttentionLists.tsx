import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MentionView, ReminderView } from '../api';
import { formatMoment } from '../format-time';
import { useLang } from '../i18n';
import { useAttentionT } from '../i18n-attention';
import { useRealtime } from '../realtime';
import { useSession } from '../session';

/** The agent's Reminders (upcoming and fired) and Mentions, kept current by the notices; a click opens the conversation. */
export function AttentionLists({ onSelect }: { onSelect: (id: number) => void }) {
  const a = useAttentionT();
  const lang = useLang();
  const { api, socket } = useSession();
  const [reminders, setReminders] = useState<ReminderView[]>([]);
  const [mentions, setMentions] = useState<MentionView[]>([]);
  const reload = useCallback(() => {
    api.reminders().then((r) => setReminders(r.items), () => undefined);
    api.mentions().then((r) => setMentions(r.items), () => undefined);
  }, [api]);
  useEffect(reload, [reload]);
  useRealtime(socket, 'notice', reload);
  useRealtime(socket, 'message.created', (m) => { if (m.direction === 'note') reload(); });
  const fired = reminders.filter((r) => r.firedAt !== null).length;

  return (
    <div class="attention-lists">
      <details class="reminders" data-count={reminders.length}>
        <summary>{a.reminders} {fired > 0 && <span class="unread">{fired}</span>}</summary>
        {reminders.length === 0 ? <p class="empty">{a.nothingHere}</p> : (
          <ul>{reminders.map((r) => (
            <li key={r.id} class={r.firedAt ? 'fired' : 'upcoming'}>
              <button type="button" class="link" onClick={() => onSelect(r.conversationId)}>
                #{r.conversationId} · {formatMoment(r.remindAt, lang)} — <bdi>{r.text.slice(0, 80)}</bdi>
              </button>
            </li>
          ))}</ul>
        )}
      </details>
      <details class="mentions" data-count={mentions.length}>
        <summary>{a.mentions} {mentions.length > 0 && <span class="unread">{mentions.length}</span>}</summary>
        {mentions.length === 0 ? <p class="empty">{a.nothingHere}</p> : (
          <ul>{mentions.map((m) => (
            <li key={m.id}>
              <button type="button" class="link" onClick={() => onSelect(m.conversationId)}>
                #{m.conversationId} · {formatMoment(m.at, lang)} — <bdi>{m.text.slice(0, 80)}</bdi>
              </button>
            </li>
          ))}</ul>
        )}
      </details>
    </div>
  );
}
