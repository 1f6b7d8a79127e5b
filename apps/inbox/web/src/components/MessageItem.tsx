import { useState } from 'preact/hooks';
import type { MessageView } from '../api';
import { formatMoment } from '../format-time';
import { useLang, useT } from '../i18n';
import { useSession } from '../session';
import { AttachmentList } from './AttachmentList';
import { EmailBody } from './EmailBody';
import { LinkedText } from './LinkedText';
import { Name } from './Name';

/** One message: the customer's on the left, ours on the right with its delivery, notes set apart in yellow. */
export function MessageItem({ m, contactName, onUpdated }: { m: MessageView; contactName: string; onUpdated: (m: MessageView) => void }) {
  const t = useT();
  const lang = useLang();
  const { api, agents } = useSession();
  const [retrying, setRetrying] = useState(false);
  const author = m.direction === 'in' ? contactName
    : m.authorId === null ? t.system : agents.find((a) => a.id === m.authorId)?.name ?? `${t.agent} ${m.authorId}`;

  const retry = async () => {
    setRetrying(true);
    try {
      onUpdated(await api.retry(m.id));
    } finally {
      setRetrying(false);
    }
  };

  return (
    <article class={`msg msg-${m.direction}${m.automatic ? ' msg-auto' : ''}`} data-message-id={m.id} data-direction={m.direction}>
      <div class="msg-meta">
        {m.direction === 'note' && <span class="note-label">{t.internalNote}</span>}
        <Name class="msg-author" value={author} />
        <time dateTime={m.createdAt}>{formatMoment(m.createdAt, lang)}</time>
        {m.automatic && <span class="tag">{t.automatic}</span>}
        {m.editedAt && <span class="tag" title={m.originalBody ? t.originalText(m.originalBody) : undefined}>{t.edited}</span>}
        {m.direction === 'out' && m.deliveryStatus && (
          <span class={`delivery delivery-${m.deliveryStatus}`} data-delivery={m.deliveryStatus}>{t[`delivery_${m.deliveryStatus}`]}</span>
        )}
      </div>
      {m.bodyHtml ? <EmailBody html={m.bodyHtml} /> : m.body && <div class="msg-text" dir="auto"><LinkedText text={m.body} /></div>}
      {m.attachments.length > 0 && <AttachmentList attachments={m.attachments} />}
      {/* The buttons the customer was offered (a survey's faces), as they saw them; a typed choice is not drawn. */}
      {m.choices && m.choices.some((c) => !c.typed) && (
        <div class="msg-choices">{m.choices.filter((c) => !c.typed).map((c) => <span key={c.id} class="msg-choice">{c.label}</span>)}</div>
      )}
      {m.error && (
        <div class={`msg-error${m.deliveryStatus === 'failed' ? ' failed' : ''}`} role={m.deliveryStatus === 'failed' ? 'alert' : undefined}>
          <span class="reason">{m.error}</span>
          {m.deliveryStatus === 'failed' && (
            <button type="button" class="small" disabled={retrying} onClick={retry}>{t.retry}</button>
          )}
        </div>
      )}
    </article>
  );
}
