import { useCallback, useState } from 'preact/hooks';
import { ListFilter, NO_FILTER } from '../conversation-list';
import { useShortcuts } from '../hooks/use-shortcuts';
import { useT } from '../i18n';
import { AttentionLists } from './AttentionLists';
import { ConversationList } from './ConversationList';
import { ConversationPane } from './ConversationPane';
import { Filters } from './Filters';
import { ShortcutsHelp } from './ShortcutsHelp';
import { IncidentBanner } from './IncidentBanner';
import { OpenIncidents, useOpenIncidentsLoader } from '../hooks/use-open-incidents';

const selectedFromUrl = (): number | null => {
  const id = Number(new URLSearchParams(location.search).get('c'));
  return Number.isInteger(id) && id > 0 ? id : null;
};

/**
 * The agent's screen: the urgency-ordered list on the left, the open conversation on the right. On a phone they
 * are two screens: the list, and the conversation with a way back.
 */
export function InboxPage() {
  const t = useT();
  const [filter, setFilter] = useState<ListFilter>(NO_FILTER);
  const incidents = useOpenIncidentsLoader();
  const [selectedId, setSelectedId] = useState<number | null>(selectedFromUrl);
  const [help, setHelp] = useState(false);
  const select = useCallback((id: number) => {
    setSelectedId(id);
    history.replaceState(null, '', `/?c=${id}`);
  }, []);
  const back = () => {
    const id = selectedId;
    setSelectedId(null);
    history.replaceState(null, '', '/');
    // Back on the list at the row the agent came from.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`.row[data-conversation-id="${id}"]`)?.focus());
  };
  const toggleHelp = useCallback((open: boolean | 'toggle') => setHelp((shown) => (open === 'toggle' ? !shown : open)), []);
  useShortcuts({ selectedId, onOpen: select, onHelp: toggleHelp });
  return (
    <OpenIncidents.Provider value={incidents}>
    <IncidentBanner />
    <div class={`inbox${selectedId === null ? '' : ' has-selection'}`}>
      <aside class="list-pane">
        <Filters filter={filter} onChange={setFilter} />
        <AttentionLists onSelect={select} />
        <ConversationList filter={filter} selectedId={selectedId} onSelect={select} />
      </aside>
      <main class="conversation-pane">
        {selectedId !== null && <button type="button" class="back" onClick={back}>← {t.backToList}</button>}
        {selectedId === null ? <p class="empty center">{t.pickConversation}</p> : <ConversationPane key={selectedId} id={selectedId} />}
      </main>
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
    </div>
    </OpenIncidents.Provider>
  );
}
