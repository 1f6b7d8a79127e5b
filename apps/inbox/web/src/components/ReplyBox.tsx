import { useEffect, useRef, useState } from 'preact/hooks';
import type { CannedReply, ConversationView, MessageView } from '../api';
import { CannedTrigger, replaceRange } from '../canned-trigger';
import { useCannedPicker } from '../hooks/use-canned-picker';
import { useT } from '../i18n';
import { useSession } from '../session';
import { CannedPicker } from './CannedPicker';
import { useAgentTyping } from '../hooks/use-conversation-attention';
import { useAttentionT } from '../i18n-attention';

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
  const { api, channels, agents, me } = useSession();
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [remindAt, setRemindAt] = useState('');
  const [remindFor, setRemindFor] = useState(me.agentId);
  const a = useAttentionT();
  const typing = useAgentTyping(conversation.id);
  const capabilities = channels.find((c) => c.id === conversation.channel.id)?.capabilities ?? null;
  const chat = capabilities?.kind !== 'mail';
  const limit = capabilities?.text.overflow === 'split' ? capabilities.text.maxLength : null;
  // Files go only where the channel sends them; a note always takes files (they stay in the inbox).
  const takesFiles = kind === 'note' || (capabilities?.attachments.send.length ?? 0) > 0;
  const parts = useReplyParts(conversation.channel.id, kind === 'reply' && limit !== null && text.trim().length > limit ? text : '');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const caretAfter = useRef<number | null>(null);
  /** A chosen canned reply, rendered for this conversation, replaces the typed `/word` (several per message). */
  const insertCanned = async (reply: CannedReply, trigger: CannedTrigger) => {
    try {
      const { text: rendered } = await api.renderCannedReply(reply.id, conversation.id);
      setText((current) => {
        const typed = `/${trigger.query}`;
        // Typed on meanwhile: the /word is where it was, or the reply goes at the end.
        const at = current.startsWith(typed, trigger.start) ? trigger.start : current.length;
        const next = replaceRange(current, at, at === trigger.start ? at + typed.length : at, rendered);
        caretAfter.current = next.caret;
        return next.text;
      });
    } catch (err) {
      setError(`${reply.shortCode}: ${err.message}`);
    }
  };
  const picker = useCannedPicker(insertCanned);
  useEffect(() => {
    const el = textarea.current;
    if (caretAfter.current === null || !el) return;
    el.focus();
    el.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  }, [text]);
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
      typing.stopped();
      const reminder = kind === 'note' && remindAt ? { at: new Date(remindAt), agentId: remindFor } : undefined;
      onSent(await api.post(conversation.id, body, kind, uploaded, reminder));
      setText('');
      setFiles([]);
      setRemindAt('');
    } catch (err) {
      setError(`${t.sendFailed}: ${err.message}`);
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (picker.onKey(e)) return;
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
        <button type="button" role="tab" data-kind="reply" aria-selected={kind === 'reply'} class={kind === 'reply' ? 'on' : ''} onClick={() => setKind('reply')}>{t.reply}</button>
        <button type="button" role="tab" data-kind="note" aria-selected={kind === 'note'} class={kind === 'note' ? 'on' : ''} onClick={() => setKind('note')}>{t.note}</button>
        <span class="reply-hints">
          {kind === 'reply' && !chat && <span>{t.emailPlainText}</span>}
          {parts > 1 && limit !== null && <span class="parts" data-parts={parts}>{t.parts(parts, limit)}</span>}
          {kind === 'reply' && limit !== null && text.length > 0 && <span class="counter">{text.length}</span>}
        </span>
      </div>
      {picker.open && <CannedPicker items={picker.items} active={picker.active} loading={picker.loading} onChoose={picker.choose} />}
      <textarea ref={textarea} name="reply" rows={chat ? 3 : 6} placeholder={placeholder} aria-label={placeholder} value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          picker.update(e.currentTarget.value, e.currentTarget.selectionStart);
          if (kind === 'reply') typing.typed();
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => { if (e.key.startsWith('Arrow') && !picker.open) picker.update(e.currentTarget.value, e.currentTarget.selectionStart); }}
        onClick={(e) => picker.update(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => picker.close()} />
      <div class="reply-bottom">
        {takesFiles && <label class="attach">
          <input type="file" name="attach" multiple onChange={(e) => {
            const picked = [...(e.currentTarget.files ?? [])];
            setFiles((current) => [...current, ...picked]);
            e.currentTarget.value = '';
          }} />
          <span>+ {t.attach}</span>
        </label>}
        {kind === 'note' && <label class="remind-at">
          {a.remindAt}
          <input type="datetime-local" name="remindAt" value={remindAt} onInput={(e) => setRemindAt(e.currentTarget.value)} />
          {remindAt && <select name="remindFor" value={String(remindFor)} onChange={(e) => setRemindFor(Number(e.currentTarget.value))} aria-label={a.remindFor}>
            {agents.filter((x) => x.active).map((x) => <option key={x.id} value={String(x.id)}>{x.name}</option>)}
          </select>}
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
