import type { ConversationView } from '../api';
import { formatMoment } from '../format-time';
import { useLang } from '../i18n';
import { useAttentionT } from '../i18n-attention';
import { agentTimeZone, SNOOZE_PRESETS, snoozeUntil } from '../snooze-presets';

/** Snooze presets (1 hour, tomorrow 9:00, next Monday in the agent's zone) and, while snoozed, until when. */
export function SnoozeMenu({ conversation: c, onSnooze }: { conversation: ConversationView; onSnooze: (until: Date) => void }) {
  const a = useAttentionT();
  const lang = useLang();
  if (c.status === 'resolved') return null;
  return (
    <span class="snooze">
      {c.status === 'snoozed' && c.snoozedUntil && <span class="snoozed-until" data-until={c.snoozedUntil}>{a.snoozedUntil(formatMoment(c.snoozedUntil, lang))}</span>}
      <select name="snooze" value="" aria-label={a.snooze}
        onChange={(e) => { const p = e.currentTarget.value as (typeof SNOOZE_PRESETS)[number]; if (p) onSnooze(snoozeUntil(p, new Date(), agentTimeZone())); }}>
        <option value="">{a.snooze}…</option>
        {SNOOZE_PRESETS.map((p) => <option key={p} value={p}>{a.snoozePresets[p]}</option>)}
      </select>
    </span>
  );
}
