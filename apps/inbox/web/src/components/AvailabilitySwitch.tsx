import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Availability, MyAvailability } from '../api';
import { useT } from '../i18n';
import { useRealtime, useRealtimeThrottled } from '../realtime';
import { useSession } from '../session';

const CHOICES: Availability[] = ['online', 'busy', 'offline'];

/** The agent's availability (online takes new conversations, busy keeps what it has) and its load, "3 of 4". */
export function AvailabilitySwitch() {
  const t = useT();
  const { api, me, socket } = useSession();
  const [mine, setMine] = useState<MyAvailability | null>(null);
  const load = useCallback(() => {
    api.myAvailability().then(setMine, () => undefined);
  }, [api]);
  useEffect(load, [load]);
  // What it holds changes as conversations are routed to it, resolved or handed over.
  useRealtimeThrottled(socket, ['conversation.updated'], 500, load);
  useRealtime(socket, 'routing.changed', (change) => { if (change.agentId === me.agentId) load(); });
  if (!mine) return null;
  const choose = async (availability: Availability) => {
    setMine({ ...mine, availability });
    setMine(await api.setAvailability(availability).catch(() => mine));
  };
  return (
    <span class={`availability availability-${mine.availability}`}>
      <select aria-label={t.availability} value={mine.availability} onChange={(e) => choose(e.currentTarget.value as Availability)}>
        {CHOICES.map((a) => <option key={a} value={a}>{t[`availability_${a}`]}</option>)}
      </select>
      <span class="load" title={t.loadTitle} data-holding={mine.holding} data-capacity={mine.capacity}>{t.load(mine.holding, mine.capacity)}</span>
    </span>
  );
}
