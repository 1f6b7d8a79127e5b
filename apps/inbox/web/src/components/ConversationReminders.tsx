import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ReminderView } from '../api';
import { formatMoment, toLocalInput } from '../format-time';
import { useLang } from '../i18n';
import { useAttentionT } from '../i18n-attention';
import { useRealtime } from '../realtime';
import { useSession } from '../session';

/**
 * The agent's reminders on this conversation that have not fired yet, each with a way to move it and a cancel
 * button. Read again when a note is added here (it may carry one) and when one fires.
 */
export function ConversationReminders({ conversationId }: { conversationId: number }) {
  const { api, socket } = useSession();
  const a = useAttentionT();
  const lang = useLang();
  const [items, setItems] = useState<ReminderView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.remindersOn(conversationId).then((r) => setItems(r.items), () => undefined);
  }, [api, conversationId]);
  useEffect(load, [load]);
  useRealtime(socket, 'message.created', (m) => { if (m.conversationId === conversationId && m.direction === 'note') load(); });
  useRealtime(socket, 'notice', (n) => { if (n.kind === 'reminder' && n.conversationId === conversationId) load(); });

  const change = async (action: Promise<unknown>) => {
    setError(null);
    try {
      await action;
    } catch (err) {
      setError(err.message);
    }
    load();
  };
  if (!items.length) return null;
  return (
    <section class="conv-reminders" aria-label={a.myRemindersHere}>
      <ul>
        {items.map((r) => (
          <li key={r.id} data-reminder={r.id}>
            <span>⏰ {formatMoment(r.remindAt, lang)} — <bdi>{r.text.slice(0, 80)}</bdi></span>
            <input type="datetime-local" aria-label={a.moveReminder} value={toLocalInput(r.remindAt)}
              onChange={(e) => { if (e.currentTarget.value) change(api.rescheduleReminder(r.id, new Date(e.currentTarget.value))); }} />
            <button type="button" class="small cancel-reminder" onClick={() => change(api.cancelReminder(r.id))}>{a.cancelReminder}</button>
          </li>
        ))}
      </ul>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
