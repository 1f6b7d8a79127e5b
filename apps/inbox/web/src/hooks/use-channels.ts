import { useEffect, useState } from 'preact/hooks';
import type { ChannelInfo } from '../api';
import { useRealtime } from '../realtime';
import { useSession } from '../session';

/**
 * How often the channels' connection states are read again besides the pushes: a holder that dies says nothing,
 * so its channel showing "no worker holds it" (and a socket that missed a push) shows within this.
 */
const REFRESH_MS = 10_000;

/** The configured channels with their live connection state: read again on every `channel.state` push and every few seconds. */
export function useChannels(refreshMs = REFRESH_MS): { items: ChannelInfo[]; error: string | null } {
  const { api, socket } = useSession();
  const [state, setState] = useState<{ items: ChannelInfo[]; error: string | null }>({ items: [], error: null });
  const [pushes, setPushes] = useState(0);
  useRealtime(socket, 'channel.state', () => setPushes((n) => n + 1));
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
  }, [api, refreshMs, pushes]);
  return state;
}

/** A channel that cannot take or send messages now and needs someone to look. */
export const isDown = (c: ChannelInfo): boolean => c.enabled && (c.state === 'error' || c.state === 'disconnected' || c.state === 'qr' || c.state === 'unheld');
