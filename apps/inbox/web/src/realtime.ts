import { io, Socket } from 'socket.io-client';
import { useEffect, useRef } from 'preact/hooks';
import type { AgentNotice, ConversationView, MessageView } from './api';
import type { IncidentView } from './lead-api';

/** What the server pushes to agents on /realtime. */
export interface RealtimeEvents {
  'message.created': MessageView;
  'message.updated': MessageView;
  'conversation.updated': ConversationView;
  'sla.warning': { conversationId: number; channelId: string; target: string; dueAt: string; at: string; assigneeId?: number | null };
  'sla.breached': { conversationId: number; channelId: string; target: string; dueAt: string; at: string };
  /** For this agent only: a snooze ended, a reminder fired, a note mentions them. */
  notice: AgentNotice;
  /** A web chat visitor is typing (or stopped) in a conversation. */
  typing: { conversationId: number; typing: boolean };
  /** Teams, an agent's availability or capacity changed (routing). */
  'routing.changed': { teamIds: number[]; agentId?: number };
  /** A channel's connection changed state (or its WhatsApp QR code rotated), as the process holding it reports. */
  'channel.state': { channelId: string; state: string; reason: string | null; since: string | null; owner: { host: string; pid: number } };
  /** An incident was opened, changed or resolved: the incident as it now stands. */
  'incident.changed': IncidentView;
  /** Sent by the server once it accepted the token; also after every reconnect. */
  ready: { agentId: number };
}

const readySockets = new WeakSet<Socket>();

/**
 * Connects as an agent, with a token or (null) the session cookie the browser sends; `unauthorized` (a revoked
 * token, an ended session, a deactivated agent) calls `onRefused`.
 */
export function connectRealtime(token: string | null, onRefused: () => void): Socket {
  const socket = io('/realtime', { auth: token ? { token } : {}, transports: ['websocket'] });
  socket.on('ready', () => readySockets.add(socket));
  socket.on('disconnect', () => readySockets.delete(socket));
  socket.on('unauthorized', onRefused);
  return socket;
}

/** Whether the server has accepted this socket's token and it is still connected. */
export const isReady = (socket: Socket): boolean => readySockets.has(socket);

/** Calls the latest handler for each event while the component is mounted. */
export function useRealtime<K extends keyof RealtimeEvents>(socket: Socket | null, event: K, handler: (payload: RealtimeEvents[K]) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!socket) return undefined;
    const listener = (payload: RealtimeEvents[K]) => latest.current(payload);
    socket.on(event as string, listener);
    return () => {
      socket.off(event as string, listener);
    };
  }, [socket, event]);
}

/**
 * Calls `handler` after any of the events: at once when it has not run for `ms`, else once at the end of that
 * interval, so a quiet inbox updates immediately and a burst of updates costs one call per interval.
 */
export function useRealtimeThrottled(socket: Socket | null, events: Array<keyof RealtimeEvents>, ms: number, handler: () => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!socket) return undefined;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastRun = 0;
    const run = () => {
      timer = null;
      lastRun = Date.now();
      latest.current();
    };
    const listener = () => {
      if (timer) return;
      const wait = lastRun + ms - Date.now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    };
    events.forEach((e) => socket.on(e as string, listener));
    return () => {
      if (timer) clearTimeout(timer);
      events.forEach((e) => socket.off(e as string, listener));
    };
  }, [socket, ms, events.join(',')]);
}
