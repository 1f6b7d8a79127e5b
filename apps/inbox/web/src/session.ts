import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import type { AgentInfo, Api, ChannelInfo, ChannelTypeView, Me } from './api';

/** The signed-in agent and what every screen needs: the API client, the live socket, agents and channels. */
export interface Session {
  api: Api;
  me: Me;
  socket: Socket;
  agents: AgentInfo[];
  channels: ChannelInfo[];
  /** Every channel type the server knows: names, badges, capabilities. */
  channelTypes: ChannelTypeView[];
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}

const TOKEN_KEY = 'inbox.token';
export const savedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const saveToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);
