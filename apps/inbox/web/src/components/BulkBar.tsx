import { useState } from 'preact/hooks';
import type { BulkResult } from '../api';
import { useT } from '../i18n';
import { useAttentionT } from '../i18n-attention';
import { agentTimeZone, SNOOZE_PRESETS, snoozeUntil } from '../snooze-presets';
import { useSession } from '../session';

/** Acts on the selected rows with one request; says what changed, what already was so and what was refused. */
export function BulkBar({ ids, allSelected, onToggleAll, onClear }: { ids: number[]; allSelected: boolean; onToggleAll: () => void; onClear: () => void }) {
  const t = useT();
  const a = useAttentionT();
  const { api, agents } = useSession();
  const [result, setResult] = useState<BulkResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: string, fields: Record<string, unknown>) => {
    setError(null);
    try {
      setResult(await api.bulk(ids, action, fields));
    } catch (err) {
      setError(err.message);
    }
  };
  const onAssign = (value: string) => value !== '' && run('assign', { agentId: value === 'none' ? null : Number(value) });
  const onStatus = (value: string) => {
    if (value.startsWith('snooze:')) run('status', { status: 'snoozed', until: snoozeUntil(value.slice(7) as (typeof SNOOZE_PRESETS)[number], new Date(), agentTimeZone()).toISOString() });
    else if (value) run('status', { status: value });
  };
  return (
    <div class="bulk-bar">
      <label class="select-all">
        <input type="checkbox" name="select-all" checked={allSelected} onChange={onToggleAll} />
        {a.selectAll}
      </label>
      {ids.length > 0 && <>
        <span class="bulk-count">{a.selected(ids.length)}</span>
        <select name="bulk-assign" value="" onChange={(e) => onAssign(e.currentTarget.value)} aria-label={a.bulkAssign}>
          <option value="">{a.bulkAssign}</option>
          <option value="none">{t.nobody}</option>
          {agents.filter((x) => x.active).map((x) => <option key={x.id} value={String(x.id)}>{x.name}</option>)}
        </select>
        <select name="bulk-status" value="" onChange={(e) => onStatus(e.currentTarget.value)} aria-label={a.bulkStatus}>
          <option value="">{a.bulkStatus}</option>
          {(['open', 'pending', 'resolved'] as const).map((s) => <option key={s} value={s}>{t[`status_${s}`]}</option>)}
          {SNOOZE_PRESETS.map((p) => <option key={p} value={`snooze:${p}`}>{a.snooze}: {a.snoozePresets[p]}</option>)}
        </select>
        <button type="button" class="link" onClick={() => { setResult(null); onClear(); }}>{a.clearSelection}</button>
      </>}
      {result && (
        <div class="bulk-result" role="status">
          {a.bulkSummary(result.changed.length, result.unchanged.length, result.refused.length)}
          {result.refused.length > 0 && <ul>{result.refused.map((r) => <li key={r.id}>#{r.id}: {r.reason}</li>)}</ul>}
        </div>
      )}
      {error && <span class="error" role="alert">{error}</span>}
    </div>
  );
}
