import type { Socket } from 'socket.io-client';
import { useEffect, useState } from 'preact/hooks';
import { isReady } from '../realtime';

/** Whether the realtime connection is up and the server accepted the token (its `ready`). */
export function useConnected(socket: Socket): boolean {
  const [live, setLive] = useState(() => isReady(socket));
  useEffect(() => {
    const up = () => setLive(true);
    const down = () => setLive(false);
    setLive(isReady(socket));
    socket.on('ready', up);
    socket.on('disconnect', down);
    return () => {
      socket.off('ready', up);
      socket.off('disconnect', down);
    };
  }, [socket]);
  return live;
}
