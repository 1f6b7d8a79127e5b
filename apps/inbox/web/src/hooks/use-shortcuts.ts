import { useEffect } from 'preact/hooks';
import { moveCursor, ShortcutAction, shortcutAction } from '../shortcuts';
import { useSession } from '../session';

const rows = () => [...document.querySelectorAll<HTMLButtonElement>('.list .row[data-conversation-id]')];

/** Opens the reply box in a mode and puts the cursor in it. */
function focusReply(kind: 'reply' | 'note', text?: string): void {
  document.querySelector<HTMLButtonElement>(`.reply-tabs [data-kind="${kind}"]`)?.click();
  const box = document.querySelector<HTMLTextAreaElement>('textarea[name=reply]');
  if (!box) return;
  box.focus();
  if (text !== undefined) {
    // As if typed: the reply box's own handlers (the canned replies' "/") see it.
    box.setRangeText(text, box.selectionStart, box.selectionEnd, 'end');
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/**
 * The inbox's keys (see shortcuts.ts): j/k walk the list, Enter opens, r/n reply or note, e resolves, a takes the
 * open conversation, / starts a canned reply, ? shows the list of keys. Keys typed in a field are the field's.
 */
export function useShortcuts({ selectedId, onOpen, onHelp }: { selectedId: number | null; onOpen: (id: number) => void; onHelp: (open: boolean | 'toggle') => void }) {
  const { api, me } = useSession();
  useEffect(() => {
    const perform = (action: ShortcutAction): boolean => {
      const list = rows();
      const focused = list.indexOf(document.activeElement as HTMLButtonElement);
      const current = focused >= 0 ? focused : list.findIndex((r) => Number(r.dataset.conversationId) === selectedId);
      switch (action) {
        case 'next':
        case 'previous': {
          const to = list[moveCursor(current, list.length, action === 'next' ? 1 : -1)];
          to?.focus();
          to?.scrollIntoView({ block: 'nearest' });
          return !!to;
        }
        case 'open': {
          const row = list[current] ?? list[0];
          if (row) onOpen(Number(row.dataset.conversationId));
          return !!row;
        }
        case 'reply':
        case 'note':
          if (selectedId === null) return false;
          focusReply(action);
          return true;
        case 'cannedReplies':
          if (selectedId === null) return false;
          focusReply('reply', '/');
          return true;
        case 'resolve':
          if (selectedId === null) return false;
          void api.setStatus(selectedId, 'resolved').catch(() => undefined);
          return true;
        case 'assignToMe':
          if (selectedId === null) return false;
          void api.assign(selectedId, me.agentId).catch(() => undefined);
          return true;
        case 'help':
          onHelp('toggle');
          return true;
        case 'close':
          onHelp(false);
          if (document.activeElement instanceof HTMLElement && document.activeElement.matches('textarea, input')) document.activeElement.blur();
          return false;
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const action = shortcutAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, target: e.target as HTMLElement | null });
      if (action && perform(action)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [api, me.agentId, selectedId, onOpen, onHelp]);
}
