import { useState } from 'preact/hooks';
import type { ConversationView } from '../api';
import { useCannedLabelsT } from '../canned-labels-i18n';
import { useLabels } from '../hooks/use-labels';
import { useSession } from '../session';
import { LabelChip } from './LabelChip';

/** The conversation's labels, each with a ×, and a menu to add one of those it does not carry yet. */
export function ConversationLabels({ conversation: c, onChange }: { conversation: ConversationView; onChange: (c: ConversationView) => void }) {
  const t = useCannedLabelsT();
  const { api } = useSession();
  const all = useLabels();
  const [error, setError] = useState<string | null>(null);
  const run = async (action: Promise<{ items: ConversationView['labels'] }>) => {
    setError(null);
    try {
      onChange({ ...c, labels: (await action).items });
    } catch (err) {
      setError(err.message);
    }
  };
  const missing = all.filter((l) => !c.labels.some((x) => x.id === l.id));
  return (
    <div class="conv-labels">
      {c.labels.map((l) => <LabelChip key={l.id} label={l} removeText={t.removeLabel(l.name)} onRemove={() => run(api.removeLabel(c.id, l.id))} />)}
      {missing.length > 0 && (
        <select name="add-label" aria-label={t.label} value="" onChange={(e) => e.currentTarget.value && run(api.addLabel(c.id, Number(e.currentTarget.value)))}>
          <option value="">{t.addLabel}</option>
          {missing.map((l) => <option key={l.id} value={String(l.id)}>{l.name}</option>)}
        </select>
      )}
      {error && <span class="error" role="alert">{error}</span>}
    </div>
  );
}
