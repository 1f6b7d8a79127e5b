import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ContactView, ConversationView, MessageView } from '../api';
import { useRealtime } from '../realtime';
import { useSession } from '../session';

/** How many of the contact's conversations (the most recent) the history shows besides the open one. */
const HISTORY_CONVERSATIONS = 10;

export interface HistoryGroup {
  conversation: ConversationView;
  messages: MessageView[];
}

/**
 * Realtime events come in the server's order, so the latest one wins; an API answer (the message as it was when
 * sent or retried) may arrive after newer events, so it only adds a message not seen yet.
 */
function upsertMessage(list: MessageView[], m: MessageView, replace: boolean): MessageView[] {
  const at = list.findIndex((x) => x.id === m.id);
  if (at < 0) return [...list, m].sort((a, b) => a.id - b.id);
  if (!replace) return list;
  const copy = list.slice();
  copy[at] = m;
  return copy;
}

/**
 * One conversation with the whole history of its contact across channels: each of the contact's recent
 * conversations with its messages, oldest first, kept current by realtime events.
 */
export function useContactHistory(id: number) {
  const { api, socket } = useSession();
  const [conversation, setConversation] = useState<ConversationView | null>(null);
  const [contact, setContact] = useState<ContactView | null>(null);
  const [messages, setMessages] = useState<Map<number, MessageView[]>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const contactRef = useRef<ContactView | null>(null);
  contactRef.current = contact;

  const load = useCallback(async () => {
    try {
      const current = await api.conversation(id);
      setConversation(current);
      const person = await api.contact(current.contact.id);
      const shown = person.conversations.filter((c, i) => i < HISTORY_CONVERSATIONS || c.id === id);
      const lists = await Promise.all(shown.map((c) => api.messages(c.id)));
      setContact({ ...person, conversations: shown });
      setMessages(new Map(shown.map((c, i) => [c.id, lists[i].items])));
      setError(null);
    } catch (err) {
      setError(err.message);
    }
  }, [api, id]);

  useEffect(() => {
    load();
  }, [load]);

  const putMessage = useCallback((m: MessageView, replace: boolean) => {
    setMessages((map) => {
      const list = map.get(m.conversationId);
      if (!list) return map;
      const next = upsertMessage(list, m, replace);
      return next === list ? map : new Map(map).set(m.conversationId, next);
    });
  }, []);
  const addMessage = useCallback((m: MessageView) => putMessage(m, false), [putMessage]);

  useRealtime(socket, 'message.created', (m) => putMessage(m, true));
  useRealtime(socket, 'message.updated', (m) => putMessage(m, true));
  useRealtime(socket, 'conversation.updated', (c) => {
    if (c.id === id) setConversation(c);
    const person = contactRef.current;
    if (!person || c.contact.id !== person.id) return;
    const known = person.conversations.some((x) => x.id === c.id);
    setContact({ ...person, conversations: known ? person.conversations.map((x) => (x.id === c.id ? c : x)) : [c, ...person.conversations] });
    // A new conversation of this contact (another channel, or after a resolved one): its messages too.
    if (!known) api.messages(c.id).then((r) => setMessages((map) => new Map(map).set(c.id, r.items)), () => undefined);
  });
  const connectedBefore = useRef(false);
  useRealtime(socket, 'ready', () => {
    if (connectedBefore.current) load();
    connectedBefore.current = true;
  });

  const groups: HistoryGroup[] = (contact?.conversations ?? [])
    .filter((c) => messages.has(c.id))
    .map((c) => ({ conversation: c.id === id && conversation ? conversation : c, messages: messages.get(c.id)! }))
    .sort((a, b) => Date.parse(a.conversation.createdAt) - Date.parse(b.conversation.createdAt));

  return { conversation, setConversation, contact, groups, error, addMessage };
}
