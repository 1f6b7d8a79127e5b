import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { IncidentView, leadApi } from '../lead-api';
import { useSession } from '../session';

/** How often the open incidents are read again (they change rarely; opening one is announced by the banner within this). */
const REFRESH_MS = 30_000;

/** The open incidents, for the inbox banner and the rows' badges. */
export function useOpenIncidentsLoader(): { incidents: IncidentView[]; reload: () => void } {
  const { api } = useSession();
  const [incidents, setIncidents] = useState<IncidentView[]>([]);
  const reload = useCallback(() => {
    leadApi(api).incidents('open').then((r) => setIncidents(r.items), () => undefined);
  }, [api]);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return { incidents, reload };
}

export const OpenIncidents = createContext<{ incidents: IncidentView[]; reload: () => void }>({ incidents: [], reload: () => undefined });

/** The open incident a conversation is linked to, if any. */
export function useIncidentOf(conversationId: number): IncidentView | undefined {
  return useContext(OpenIncidents).incidents.find((i) => i.conversationIds.includes(conversationId));
}
