import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatMoment } from '../format-time';
import { useLang, useT } from '../i18n';
import { useContactHistory } from '../hooks/use-contact-history';
import { useMarkRead, useVisitorTyping } from '../hooks/use-conversation-attention';
import { useAttentionT } from '../i18n-attention';
import { ChannelBadge } from './ChannelBadge';
import { ConversationHeader } from './ConversationHeader';
import { MessageItem } from './MessageItem';
import { ReplyBox } from './ReplyBox';
import { RoutingBanner } from './RoutingBanner';
import { Suggestions } from './Suggestions';
import { ConversationLeadTools } from './ConversationLeadTools';
import { ConversationReminders } from './ConversationReminders';

/** One conversation: its header, the contact's history across channels, the reply box. */
export function ConversationPane({ id }: { id: number }) {
  const t = useT();
  const lang = useLang();
  const history = useContactHistory(id);
  const { conversation, contact, groups } = history;
  const timeline = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const count = groups.reduce((n, g) => n + g.messages.length, 0);
  const [insertion, setInsertion] = useState<{ text: string; n: number } | null>(null);
  const a = useAttentionT();
  useMarkRead(conversation);
  const visitorTyping = useVisitorTyping(id);

  // Follow new messages while the agent is at the bottom; leave the scroll alone while they read back.
  useLayoutEffect(() => {
    const el = timeline.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [count]);
  useEffect(() => {
    stickToBottom.current = true;
  }, [id]);
  // Images and e-mail frames grow after they load: stay at the bottom while they do.
  useEffect(() => {
    const el = timeline.current;
    if (!el || !content.current) return undefined;
    const observer = new ResizeObserver(() => { if (stickToBottom.current) el.scrollTop = el.scrollHeight; });
    observer.observe(content.current);
    return () => observer.disconnect();
  }, [conversation !== null]);

  if (history.error && !conversation) return <p class="error center" role="alert">{t.loadFailed}: {history.error}</p>;
  if (!conversation) return <div class="pane-loading" aria-busy="true" />;

  return (
    <div class="conversation" data-conversation={conversation.id}>
      <ConversationHeader conversation={conversation} contact={contact} onChange={history.setConversation} />
      <RoutingBanner conversationId={conversation.id} />
      <div class="timeline" ref={timeline} aria-label={t.historyAcross}
        onScroll={(e) => { const el = e.currentTarget; stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40; }}>
        <div class="timeline-content" ref={content}>
          {groups.map(({ conversation: g, messages }) => (
            <section key={g.id} class={`group${g.id === id ? ' current' : ' other'}`} data-group={g.id}>
              <div class="group-head">
                <ChannelBadge type={g.channel.type} name={g.channel.name} />
                <span>#{g.id}</span>
                {g.subject && <bdi class="subject">{g.subject}</bdi>}
                <span>{formatMoment(g.createdAt, lang)}</span>
                <span class={`status status-${g.status}`}>{t[`status_${g.status}`]}</span>
                {g.id === id && <span class="this">{t.thisConversation}</span>}
              </div>
              {messages.map((m) => <MessageItem key={m.id} m={m} contactName={g.contact.name} onUpdated={history.addMessage} />)}
            </section>
          ))}
        </div>
      </div>
      <ConversationLeadTools conversationId={conversation.id} />
      <ConversationReminders conversationId={conversation.id} />
      {visitorTyping && <p class="typing" role="status">{a.visitorTyping}</p>}
      <Suggestions conversationId={conversation.id} onInsert={(text) => setInsertion((last) => ({ text, n: (last?.n ?? 0) + 1 }))} />
      <ReplyBox conversation={conversation} insertion={insertion}
        onSent={(m) => { stickToBottom.current = true; history.addMessage(m); }} />
    </div>
  );
}
