import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SuggestedArticle } from '../api';
import { useT } from '../i18n';
import { markedParts } from '../marked-text';
import { useRealtime } from '../realtime';
import { useSession } from '../session';

function Marked({ html }: { html: string }) {
  return <>{markedParts(html).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}

/**
 * Knowledge base articles for what the customer wrote last, refreshed when they write again. One click puts the
 * article's help center link or its text into the reply box, and the use is recorded for the reports.
 */
export function Suggestions({ conversationId, onInsert }: { conversationId: number; onInsert: (text: string) => void }) {
  const t = useT();
  const { api, socket } = useSession();
  const [items, setItems] = useState<SuggestedArticle[] | null>(null);

  const load = useCallback(async () => {
    try {
      setItems((await api.suggestions(conversationId)).items);
    } catch {
      setItems([]);
    }
  }, [api, conversationId]);
  useEffect(() => {
    setItems(null);
    load();
  }, [load]);
  useRealtime(socket, 'message.created', (m) => {
    if (m.conversationId === conversationId && m.direction === 'in') load();
  });

  const insert = (s: SuggestedArticle, kind: 'link' | 'text') => {
    onInsert(kind === 'link' ? `${s.article.title}: ${location.origin}${s.article.helpUrl}` : s.article.plainText);
    api.articleUsed(s.article.id, conversationId, kind).catch(() => undefined);
  };

  // Nothing to suggest (or an empty knowledge base): the conversation keeps its whole height.
  if (!items?.length) return null;
  return (
    <aside class="suggestions" aria-label={t.suggestions}>
      <h3>{t.suggestions}</h3>
      <ul>
        {items.map((s) => (
          <li key={s.article.id} data-article={s.article.id}>
            <a class="title" href={s.article.helpUrl} target="_blank" rel="noopener noreferrer"><Marked html={s.titleHtml} /></a>
            <p class="snippet"><Marked html={s.snippetHtml} /></p>
            <span class="actions">
              <button type="button" class="insert-link" onClick={() => insert(s, 'link')}>{t.insertLink}</button>
              <button type="button" class="insert-text" onClick={() => insert(s, 'text')}>{t.insertText}</button>
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
