import type { ConversationView } from '../api';
import { countdownAt } from '../countdown';
import { formatClock } from '../format-duration';
import { useT } from '../i18n';
import { useNow } from '../hooks/use-now';

/** Time to the conversation's next deadline, ticking; amber from the warning, red once breached. */
export function Countdown({ conversation, large = false }: { conversation: ConversationView; large?: boolean }) {
  const t = useT();
  const now = useNow();
  const c = countdownAt(conversation, now);
  if (c.urgency === 'none') return null;
  const what = c.target ? t[`target_${c.target}`] : '';
  const clock = c.msLeft === null ? '!' : formatClock(c.msLeft, t.units);
  const title = c.msLeft === null ? what : c.msLeft > 0 ? t.dueIn(what, clock) : t.overdueBy(what, clock.replace('−', ''));
  return (
    <span class={`countdown urgency-${c.urgency}${large ? ' large' : ''}`} data-urgency={c.urgency} title={title} aria-label={title}>
      {clock}
    </span>
  );
}
