import { useCallback, useEffect, useState } from 'preact/hooks';
import type { TeamInfo } from '../api';
import { useRealtime } from '../realtime';
import { useSession } from '../session';

/** The installation's teams, reloaded when any of them changes. */
export function useTeams(): TeamInfo[] {
  const { api, socket } = useSession();
  const [teams, setTeams] = useState<TeamInfo[]>([]);
  const load = useCallback(() => {
    api.teams().then((r) => setTeams(r.items), () => undefined);
  }, [api]);
  useEffect(load, [load]);
  useRealtime(socket, 'routing.changed', load);
  return teams;
}
