import { useEffect, useRef, useState } from 'preact/hooks';
import { ConversationStatus, STATUSES } from '../api';
import type { ListFilter } from '../conversation-list';
import { useCannedLabelsT } from '../canned-labels-i18n';
import { useLabels } from '../hooks/use-labels';
import { useT } from '../i18n';
import { useTeams } from '../hooks/use-teams';
import { useSession } from '../session';

/**
 * Who (all / mine / unassigned), the "With the bot" tab (what the bot holds, hidden otherwise), channel, status,
 * breaching only, and a search that waits for a pause in typing.
 */
export function Filters({ filter, onChange }: { filter: ListFilter; onChange: (f: ListFilter) => void }) {
  const t = useT();
  const { channels } = useSession();
  const labelsT = useCannedLabelsT();
  const labels = useLabels();
  const teams = useTeams();
  const [q, setQ] = useState(filter.q);
  const latest = useRef(filter);
  latest.current = filter;
  useEffect(() => {
    if (q === latest.current.q) return undefined;
    const timer = setTimeout(() => onChange({ ...latest.current, q }), 300);
    return () => clearTimeout(timer);
  }, [q]);

  const who = (value: ListFilter['who'], label: string) => (
    <button type="button" class={filter.who === value ? 'on' : ''} aria-pressed={filter.who === value} onClick={() => onChange({ ...filter, who: value })}>
      {label}
    </button>
  );
  return (
    <div class="filters">
      <div class="segmented" role="group">
        {who('all', t.all)}{who('mine', t.mine)}{who('unassigned', t.unassigned)}
        <button type="button" class={`with-bot${filter.withBot ? ' on' : ''}`} aria-pressed={!!filter.withBot} title={t.withBotHint}
          onClick={() => onChange({ ...filter, withBot: !filter.withBot })}>{t.withBot}</button>
      </div>
      <div class="filter-row">
        <select aria-label={t.channel} value={filter.channel} onChange={(e) => onChange({ ...filter, channel: e.currentTarget.value })}>
          <option value="">{t.allChannels}</option>
          {channels.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
        {teams.length > 0 && (
          <select aria-label={t.team} value={filter.team ?? ''} onChange={(e) => onChange({ ...filter, team: e.currentTarget.value ? Number(e.currentTarget.value) : null })}>
            <option value="">{t.allTeams}</option>
            {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
          </select>
        )}
        <select aria-label={t.status} value={filter.status} onChange={(e) => onChange({ ...filter, status: e.currentTarget.value as ConversationStatus | '' })}>
          <option value="">{t.active}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t[`status_${s}`]}</option>)}
        </select>
        {labels.length > 0 && (
          <select name="label" aria-label={labelsT.label} value={filter.label ?? ''} onChange={(e) => onChange({ ...filter, label: e.currentTarget.value })}>
            <option value="">{labelsT.allLabels}</option>
            {labels.map((l) => <option key={l.id} value={String(l.id)}>{l.name}</option>)}
          </select>
        )}
        <label class="check">
          <input type="checkbox" checked={filter.breaching} onChange={(e) => onChange({ ...filter, breaching: e.currentTarget.checked })} />
          {t.breaching}
        </label>
      </div>
      <input class="search" type="search" placeholder={t.search} aria-label={t.search} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
    </div>
  );
}
