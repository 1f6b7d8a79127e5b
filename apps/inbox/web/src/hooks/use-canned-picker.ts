import { useEffect, useState } from 'preact/hooks';
import type { CannedReply } from '../api';
import { CannedTrigger, cannedTriggerAt } from '../canned-trigger';
import { useSession } from '../session';

/**
 * The `/` picker's state: where the trigger is, the replies matching what follows it (asked a moment after
 * typing stops), the highlighted one, and the keys that move, choose and close.
 */
export function useCannedPicker(onChoose: (reply: CannedReply, trigger: CannedTrigger) => void) {
  const { api } = useSession();
  const [trigger, setTrigger] = useState<CannedTrigger | null>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [items, setItems] = useState<CannedReply[]>([]);
  const [loading, setLoading] = useState(false);
  const [active, setActive] = useState(0);
  const open = trigger !== null && trigger.start !== dismissedAt;
  const query = open ? trigger.query : null;

  useEffect(() => {
    if (query === null) return undefined;
    let current = true;
    setLoading(true);
    const timer = setTimeout(() => {
      api.cannedReplies(query, 8).then((r) => {
        if (!current) return;
        setItems(r.items);
        setActive(0);
      }, () => current && setItems([])).finally(() => current && setLoading(false));
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query]);

  const choose = (index: number) => {
    const reply = items[index];
    if (reply && trigger) onChoose(reply, trigger);
    setTrigger(null);
  };
  const close = () => {
    if (trigger) setDismissedAt(trigger.start);
  };

  return {
    open,
    items,
    loading,
    active,
    choose,
    close,
    /** After every input or caret move. */
    update(text: string, caret: number) {
      const next = cannedTriggerAt(text, caret);
      setTrigger(next);
      if (!next) setDismissedAt(null);
    },
    /** true when the key was the picker's (the reply box must not also send on Enter). */
    onKey(e: KeyboardEvent): boolean {
      if (!open) return false;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (items.length ? (a + step + items.length) % items.length : 0));
        return true;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && items.length && !e.isComposing) {
        e.preventDefault();
        choose(active);
        return true;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
        return true;
      }
      return false;
    },
  };
}
