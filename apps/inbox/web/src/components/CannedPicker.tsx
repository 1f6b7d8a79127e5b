import type { CannedReply } from '../api';
import { useCannedLabelsT } from '../canned-labels-i18n';

/** The list the `/` in the reply box opens: short code, title and the start of the text; a click inserts. */
export function CannedPicker({ items, active, loading, onChoose }: { items: CannedReply[]; active: number; loading: boolean; onChoose: (index: number) => void }) {
  const t = useCannedLabelsT();
  return (
    <div class="canned-picker" role="listbox" aria-label={t.pickerTitle}>
      <div class="canned-picker-title">{t.pickerTitle}</div>
      {items.length === 0 && <div class="empty">{loading ? t.pickerLoading : t.pickerEmpty}</div>}
      {items.map((r, i) => (
        <button type="button" role="option" key={r.id} aria-selected={i === active} class={`canned-option${i === active ? ' on' : ''}`}
          data-short-code={r.shortCode}
          // mousedown, not click: the textarea keeps its focus and caret.
          onMouseDown={(e) => { e.preventDefault(); onChoose(i); }}>
          <span class="canned-code">/{r.shortCode}</span>
          <span class="canned-title">{r.title}</span>
          <span class="canned-body">{r.body.slice(0, 120)}</span>
        </button>
      ))}
    </div>
  );
}
