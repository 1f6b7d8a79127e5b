import { useState } from 'preact/hooks';
import { ListFilter, NO_FILTER } from '../conversation-list';
import { useT } from '../i18n';
import { AttentionLists } from './AttentionLists';
import { ConversationList } from './ConversationList';
import { ConversationPane } from './ConversationPane';
import { Filters } from './Filters';

const selectedFromUrl = (): number | null => {
  const id = Number(new URLSearchParams(location.search).get('c'));
  return Number.isInteger(id) && id > 0 ? id : null;
};

/** The agent's screen: the urgency-ordered list on the left, the open conversation on the right. */
export function InboxPage() {
  const t = useT();
  const [filter, setFilter] = useState<ListFilter>(NO_FILTER);
  const [selectedId, setSelectedId] = useState<number | null>(selectedFromUrl);
  const select = (id: number) => {
    setSelectedId(id);
    history.replaceState(null, '', `/?c=${id}`);
  };
  return (
    <div class="inbox">
      <aside class="list-pane">
        <Filters filter={filter} onChange={setFilter} />
        <AttentionLists onSelect={select} />
        <ConversationList filter={filter} selectedId={selectedId} onSelect={select} />
      </aside>
      <main class="conversation-pane">
        {selectedId === null ? <p class="empty center">{t.pickConversation}</p> : <ConversationPane key={selectedId} id={selectedId} />}
      </main>
    </div>
  );
}
