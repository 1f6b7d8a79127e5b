import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { IncidentView, leadApi } from '../lead-api';
import { useRealtime } from '../realtime';
import { useSession } from '../session';

/**
 * A safety net only: every change of an incident is pushed (`incident.changed`) and shown at once, and a reconnect
 * reads them again; this catches anything missed otherwise.
 */
const SAFETY_REFRESH_MS = 5 * 60_000;

/** The open incidents after a pushed change of one: added or replaced while open, dropped once resolved. */
export function withIncident(incidents: IncidentView[], changed: IncidentView): IncidentView[] {
  const rest = incidents.filter((i) => i.id !== changed.id);
  return changed.status === 'open' ? [changed, ...rest].sort((a, b) => b.id - a.id) : rest;
}

/** The open incidents, for the inbox banner and the rows' badges. */
export function useOpenIncidentsLoader(): { incidents: IncidentView[]; reload: () => void } {
  const { api, socket } = useSession();
  const [incidents, setIncidents] = useState<IncidentView[]>([]);
  const reload = useCallback(() => {
    leadApi(api).incidents('open').then((r) => setIncidents(r.items), () => undefined);
  }, [api]);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, SAFETY_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  useRealtime(socket, 'incident.changed', (incident) => setIncidents((list) => withIncident(list, incident)));
  // After a reconnect a change may have been missed: read them again (the first `ready` is the initial connect).
  const connectedBefore = useRef(false);
  useRealtime(socket, 'ready', () => {
    if (connectedBefore.current) reload();
    connectedBefore.current = true;
  });
  return { incidents, reload };
}

export const OpenIncidents = createContext<{ incidents: IncidentView[]; reload: () => void }>({ incidents: [], reload: () => undefined });

/** The open incident a conversation is linked to, if any. */
export function useIncidentOf(conversationId: number): IncidentView | undefined {
  return useContext(OpenIncidents).incidents.find((i) => i.conversationIds.includes(conversationId));
}
