import { useEffect, useState } from 'preact/hooks';
import type { ChannelInfo } from '../api';
import { useSession } from '../session';

/** How often the channels' connection states are read again (a connection that drops shows within this). */
const REFRESH_MS = 10_000;

/** The configured channels with their live connection state, read again every few seconds. */
export function useChannels(refreshMs = REFRESH_MS): { items: ChannelInfo[]; error: string | null } {
  const { api } = useSession();
  const [state, setState] = useState<{ items: ChannelInfo[]; error: string | null }>({ items: [], error: null });
  useEffect(() => {
    let live = true;
    const read = () => api.channels().then(
      (r) => live && setState({ items: r.items, error: null }),
      (err: Error) => live && setState((s) => ({ ...s, error: err.message })),
    );
    void read();
    const timer = setInterval(read, refreshMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, refreshMs]);
  return state;
}

/** A channel that cannot take or send messages now and needs someone to look. */
export const isDown = (c: ChannelInfo): boolean => c.enabled && (c.state === 'error' || c.state === 'disconnected' || c.state === 'qr');
