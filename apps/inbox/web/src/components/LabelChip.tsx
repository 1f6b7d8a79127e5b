import type { LabelView } from '../api';

/** A label in its colour; with onRemove, a × takes it off. */
export function LabelChip({ label, onRemove, removeText }: { label: LabelView; onRemove?: () => void; removeText?: string }) {
  return (
    <span class="label-chip" data-label={label.name} style={{ '--label-color': label.color }}>
      <bdi>{label.name}</bdi>
      {onRemove && <button type="button" aria-label={removeText} title={removeText} onClick={(e) => { e.stopPropagation(); onRemove(); }}>×</button>}
    </span>
  );
}
