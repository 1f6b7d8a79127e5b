import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationView } from '../api';
import { useRealtime } from '../realtime';
import { useSession } from '../session';

/** A visitor who said they type and then went quiet is taken to have stopped after this long. */
const TYPING_TIMEOUT_MS = 6000;
/** An agent's typing is sent at most this often while they keep typing. */
const TYPING_EVERY_MS = 2000;

/** The assignee has the conversation open: what was unread is read (again whenever more arrives while open). */
export function useMarkRead(c: ConversationView | null): void {
  const { api, me } = useSession();
  const unread = c && c.assigneeId === me.agentId ? c.unreadCount : 0;
  useEffect(() => {
    if (c && unread > 0) api.markRead(c.id).catch(() => undefined);
  }, [c?.id, unread]);
}

/** Whether the conversation's web chat visitor is typing now. */
export function useVisitorTyping(conversationId: number): boolean {
  const { socket } = useSession();
  const [typing, setTyping] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtime(socket, 'typing', (e) => {
    if (e.conversationId !== conversationId) return;
    if (timer.current) clearTimeout(timer.current);
    setTyping(e.typing);
    if (e.typing) timer.current = setTimeout(() => setTyping(false), TYPING_TIMEOUT_MS);
  });
  useRealtime(socket, 'message.created', (m) => { if (m.conversationId === conversationId && m.direction === 'in') setTyping(false); });
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  return typing;
}

/** Tells the visitor the agent types: `typed()` on every keystroke (sent at most every 2 s), `stopped()` on send. */
export function useAgentTyping(conversationId: number): { typed: () => void; stopped: () => void } {
  const { socket } = useSession();
  const lastSent = useRef(0);
  return {
    typed: () => {
      if (Date.now() - lastSent.current < TYPING_EVERY_MS) return;
      lastSent.current = Date.now();
      socket.emit('typing', { conversationId, typing: true });
    },
    stopped: () => {
      if (!lastSent.current) return;
      lastSent.current = 0;
      socket.emit('typing', { conversationId, typing: false });
    },
  };
}
