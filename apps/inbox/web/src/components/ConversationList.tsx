import type { ListFilter } from '../conversation-list';
import { useT } from '../i18n';
import { useConversationList } from '../hooks/use-conversation-list';
import { ConversationRow } from './ConversationRow';

export function ConversationList({ filter, selectedId, onSelect }: { filter: ListFilter; selectedId: number | null; onSelect: (id: number) => void }) {
  const t = useT();
  const list = useConversationList(filter);
  return (
    <div class="list" aria-busy={list.loading}>
      {list.error && (
        <p class="error" role="alert">{t.loadFailed}: {list.error} <button type="button" class="link" onClick={list.reload}>{t.retryLoad}</button></p>
      )}
      <ul class="rows">
        {list.items.map((c) => <ConversationRow key={c.id} c={c} selected={c.id === selectedId} onSelect={onSelect} />)}
      </ul>
      {!list.loading && !list.error && list.items.length === 0 && <p class="empty">{t.noConversations}</p>}
      {list.nextCursor && <button type="button" class="more" onClick={list.loadMore}>{t.loadMore}</button>}
    </div>
  );
}
