import { useEffect, useRef } from 'preact/hooks';
import { useAttentionT } from '../i18n-attention';
import { alertAgent } from '../notifications';
import { useRealtime } from '../realtime';
import { useSession } from '../session';

/**
 * Alerts the agent (desktop notification and sound, each when opted in) for what concerns them: a conversation
 * newly assigned to them, a customer message in one of theirs, a mention, a reminder, a snooze ending, an SLA
 * warning on theirs. Which conversations are theirs is followed from the pushed updates.
 */
export function useAttentionAlerts(): void {
  const { api, socket, me } = useSession();
  const t = useAttentionT();
  const mine = useRef<Map<number, number | null>>(new Map());
  // A click on a notification opens the conversation (a fresh load of the inbox with it selected).
  const open = (id: number) => () => location.assign(`/?c=${id}`);

  useEffect(() => {
    api.conversations({ assignee: 'me' }).then((page) => page.items.forEach((c) => mine.current.set(c.id, c.assigneeId)), () => undefined);
  }, [api]);

  useRealtime(socket, 'conversation.updated', (c) => {
    const before = mine.current.get(c.id);
    mine.current.set(c.id, c.assigneeId);
    if (c.assigneeId === me.agentId && before !== me.agentId && c.status !== 'resolved') {
      alertAgent(t.alert.assigned(c.id), c.contact.name, `assigned-${c.id}`, open(c.id));
    }
  });
  useRealtime(socket, 'message.created', (m) => {
    if (m.direction === 'in' && mine.current.get(m.conversationId) === me.agentId) alertAgent(t.alert.message(m.conversationId), m.body.slice(0, 140), `message-${m.id}`, open(m.conversationId));
  });
  useRealtime(socket, 'notice', (n) => alertAgent(t.alert[n.kind](n.conversationId), n.text?.slice(0, 140) ?? '', `${n.kind}-${n.conversationId}-${n.at}`, open(n.conversationId)));
  useRealtime(socket, 'sla.warning', (a) => {
    if (a.assigneeId === me.agentId) alertAgent(t.alert.sla(a.conversationId), '', `sla-${a.conversationId}-${a.dueAt}`, open(a.conversationId));
  });
}
