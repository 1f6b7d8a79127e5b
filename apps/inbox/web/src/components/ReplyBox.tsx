import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationView, MessageView } from '../api';
import { useT } from '../i18n';
import { useSession } from '../session';

/**
 * Reply to the customer or add an internal note. In chat channels Enter sends (Shift+Enter: new line) and a
 * text over the channel's limit says in how many parts it will go out; e-mail replies are plain text, Ctrl+Enter sends.
 */
export function ReplyBox({ conversation, onSent, insertion }: {
  conversation: ConversationView;
  onSent: (m: MessageView) => void;
  /** Text to add to the reply (an article from the suggestions); `n` changes with every insertion. */
  insertion?: { text: string; n: number } | null;
}) {
  const t = useT();
  const { api, channels, socket } = useSession();
  const lastTyping = useRef(0);
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const capabilities = channels.find((c) => c.id === conversation.channel.id)?.capabilities ?? null;
  const chat = capabilities?.kind !== 'mail';
  const limit = capabilities?.text.overflow === 'split' ? capabilities.text.maxLength : null;
  // Files go only where the channel sends them; a note always takes files (they stay in the inbox).
  const takesFiles = kind === 'note' || (capabilities?.attachments.send.length ?? 0) > 0;
  const parts = useReplyParts(conversation.channel.id, kind === 'reply' && limit !== null && text.trim().length > limit ? text : '');
  useEffect(() => {
    if (insertion) setText((current) => (current.trim() ? `${current.replace(/\s+$/, '')}\n${insertion.text}` : insertion.text));
  }, [insertion?.n]);

  const send = async () => {
    const body = text.trim();
    if ((!body && !files.length) || sending) return;
    if (files.length && !takesFiles) return;
    setSending(true);
    setError(null);
    try {
      const uploaded = [];
      for (const file of files) uploaded.push(await api.upload(file));
      onSent(await api.post(conversation.id, body, kind, uploaded));
      setText('');
      setFiles([]);
    } catch (err) {
      setError(`${t.sendFailed}: ${err.message}`);
    } finally {
      setSending(false);
    }
  };

  // The customer sees "typing…" where their channel shows it (the web chat); at most one signal every 2 s.
  const typing = () => {
    if (kind !== 'reply' || Date.now() - lastTyping.current < 2000) return;
    lastTyping.current = Date.now();
    socket.emit('typing', { conversationId: conversation.id });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    const sendKey = chat ? !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey : e.ctrlKey || e.metaKey;
    if (sendKey) {
      e.preventDefault();
      send();
    }
  };

  const placeholder = kind === 'note' ? t.notePlaceholder : chat ? t.replyPlaceholderChat : t.replyPlaceholderEmail;
  return (
    <form class={`reply-box kind-${kind}`} onSubmit={(e) => { e.preventDefault(); send(); }}>
      <div class="reply-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={kind === 'reply'} class={kind === 'reply' ? 'on' : ''} onClick={() => setKind('reply')}>{t.reply}</button>
        <button type="button" role="tab" aria-selected={kind === 'note'} class={kind === 'note' ? 'on' : ''} onClick={() => setKind('note')}>{t.note}</button>
        <span class="reply-hints">
          {kind === 'reply' && !chat && <span>{t.emailPlainText}</span>}
          {parts > 1 && limit !== null && <span class="parts" data-parts={parts}>{t.parts(parts, limit)}</span>}
          {kind === 'reply' && limit !== null && text.length > 0 && <span class="counter">{text.length}</span>}
        </span>
      </div>
      <textarea name="reply" rows={chat ? 3 : 6} placeholder={placeholder} aria-label={placeholder} value={text}
        onInput={(e) => { setText(e.currentTarget.value); typing(); }} onKeyDown={onKeyDown} />
      <div class="reply-bottom">
        {takesFiles && <label class="attach">
          <input type="file" name="attach" multiple onChange={(e) => {
            const picked = [...(e.currentTarget.files ?? [])];
            setFiles((current) => [...current, ...picked]);
            e.currentTarget.value = '';
          }} />
          <span>+ {t.attach}</span>
        </label>}
        <ul class="picked-files">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>{f.name} <button type="button" aria-label={`${t.removeFile} ${f.name}`} onClick={() => setFiles(files.filter((_, j) => j !== i))}>×</button></li>
          ))}
        </ul>
        {error && <span class="error" role="alert">{error}</span>}
        <button type="submit" class="primary" disabled={sending || (!text.trim() && !files.length)}>{sending ? t.sending : kind === 'note' ? t.addNote : t.send}</button>
      </div>
    </form>
  );
}

/**
 * In how many messages the channel will send a long reply, as the server's own splitting counts them (asked only
 * for a text over the limit, a moment after typing stops); 1 for a short text.
 */
function useReplyParts(channelId: string, longText: string): number {
  const { api } = useSession();
  const [parts, setParts] = useState(1);
  useEffect(() => {
    if (!longText) {
      setParts(1);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.replyParts(channelId, longText).then((r) => current && setParts(r.parts), () => undefined);
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, channelId, longText]);
  // A short text is one part at once, without waiting for the effect (no stale hint for a frame).
  return longText ? parts : 1;
}
