import { useEffect, useState } from 'preact/hooks';
import type { LabelView } from '../api';
import { useCannedLabelsT } from '../canned-labels-i18n';
import { useSession } from '../session';
import { LabelChip } from './LabelChip';

/** Ops define labels and their colours; agents see the list (and put labels on conversations from the inbox). */
export function LabelsPage() {
  const t = useCannedLabelsT();
  const { api, me } = useSession();
  const isOps = me.role === 'ops';
  const [labels, setLabels] = useState<LabelView[]>([]);
  const [name, setName] = useState('');
  const [color, setColor] = useState('#3b82f6');
  const [error, setError] = useState<string | null>(null);
  const reload = () => api.labels().then((r) => setLabels(r.items), (err) => setError(err.message));
  useEffect(() => {
    reload();
  }, [api]);
  const run = async (action: Promise<unknown>) => {
    setError(null);
    try {
      await action;
      await reload();
    } catch (err) {
      setError(`${t.failed}: ${err.message}`);
    }
  };

  return (
    <main class="ops-page labels-page">
      <h1>{t.labels}</h1>
      {!isOps && <p class="hint">{t.onlyOps}</p>}
      {isOps && (
        <form class="ops-form" onSubmit={(e) => { e.preventDefault(); run(api.createLabel(name, color).then(() => setName(''))); }}>
          <label>{t.name}<input name="label-name" value={name} maxLength={50} required onInput={(e) => setName(e.currentTarget.value)} /></label>
          <label>{t.color}<input name="label-color" type="color" value={color} onInput={(e) => setColor(e.currentTarget.value)} /></label>
          <button type="submit" class="primary">{t.create}</button>
        </form>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {labels.length === 0 ? <p class="empty">{t.none}</p> : (
        <ul class="ops-list">
          {labels.map((l) => (
            <li key={l.id} data-label-id={l.id}>
              <LabelChip label={l} />
              {isOps && <>
                <input type="color" aria-label={`${t.color} ${l.name}`} value={l.color} onChange={(e) => run(api.updateLabel(l.id, { color: e.currentTarget.value }))} />
                <button type="button" class="link" onClick={() => {
                  const next = prompt(t.name, l.name);
                  if (next && next.trim() && next !== l.name) run(api.updateLabel(l.id, { name: next.trim() }));
                }}>{t.edit}</button>
                <button type="button" class="link danger" onClick={() => confirm(`${t.delete} «${l.name}»?`) && run(api.deleteLabel(l.id))}>{t.delete}</button>
              </>}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
