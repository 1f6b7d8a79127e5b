import type { BroadcastOutcome } from '../lead-api';
import { useLeadT } from '../lead-i18n';

/** Who a broadcast reached, and who it could not reach and why. */
export function BroadcastResult({ outcome }: { outcome: BroadcastOutcome }) {
  const t = useLeadT();
  return (
    <div class="broadcast-result" data-reached={outcome.reached} data-total={outcome.total}>
      <span class="hint">{t.reached(outcome.reached, outcome.total)}</span>
      {outcome.unreachable.length > 0 && (
        <ul class="unreachable" aria-label={t.unreachable}>
          {outcome.unreachable.map((d) => <li key={d.conversationId}><a href={`/?c=${d.conversationId}`}>#{d.conversationId}</a> <span class="hint">{d.channelId}</span> {d.reason}</li>)}
        </ul>
      )}
    </div>
  );
}
