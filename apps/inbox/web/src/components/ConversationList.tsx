import { useEffect, useState } from 'preact/hooks';
import type { ListFilter } from '../conversation-list';
import { useT } from '../i18n';
import { useConversationList } from '../hooks/use-conversation-list';
import { clickRow, keepShown, NO_SELECTION, RowSelection, toggleAll } from '../row-selection';
import { useSession } from '../session';
import { BulkBar } from './BulkBar';
import { ConversationRow } from './ConversationRow';

export function ConversationList({ filter, selectedId, onSelect }: { filter: ListFilter; selectedId: number | null; onSelect: (id: number) => void }) {
  const t = useT();
  const { me } = useSession();
  const list = useConversationList(filter);
  const [picked, setPicked] = useState<RowSelection>(NO_SELECTION);
  const order = list.items.map((c) => c.id);
  const shownPicked = keepShown(picked, order);
  const unread = list.items.reduce((n, c) => n + (c.assigneeId === me.agentId ? c.unreadCount : 0), 0);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${t.appName}` : t.appName;
  }, [unread, t.appName]);
  useEffect(() => () => { document.title = t.appName; }, []);
  return (
    <div class="list" aria-busy={list.loading}>
      {list.error && (
        <p class="error" role="alert">{t.loadFailed}: {list.error} <button type="button" class="link" onClick={list.reload}>{t.retryLoad}</button></p>
      )}
      {list.items.length > 0 && (
        <BulkBar ids={[...shownPicked.ids]} allSelected={order.length > 0 && order.every((id) => shownPicked.ids.has(id))}
          onToggleAll={() => setPicked(toggleAll(shownPicked, order))} onClear={() => setPicked(NO_SELECTION)} />
      )}
      <ul class="rows">
        {list.items.map((c) => (
          <ConversationRow key={c.id} c={c} selected={c.id === selectedId} onSelect={onSelect}
            checked={shownPicked.ids.has(c.id)} onCheck={(shift) => setPicked(clickRow(shownPicked, order, c.id, shift))} />
        ))}
      </ul>
      {!list.loading && !list.error && list.items.length === 0 && <p class="empty">{t.noConversations}</p>}
      {list.nextCursor && <button type="button" class="more" onClick={list.loadMore}>{t.loadMore}</button>}
    </div>
  );
}
