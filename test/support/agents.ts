import request from 'supertest';
import { io, Socket } from 'socket.io-client';
import { ADMIN_TOKEN } from './test-app';
import { visitor } from './webchat-visitor';

export const adminAuth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

/** Creates an agent through the API; returns its id and token. */
export async function createAgent(url: string, name: string, email: string, role: 'agent' | 'ops' = 'agent'): Promise<{ id: number; token: string }> {
  const res = await request(url).post('/api/agents').set(adminAuth).send({ name, email, role }).expect(201);
  return { id: res.body.id, token: res.body.token };
}

/** A realtime socket, resolved once the server accepted it (`ready`); agents pass `{ token }`, visitors `{ visitorToken }`. */
export function realtimeSocket(url: string, auth: { token: string } | { visitorToken: string }): Promise<Socket> {
  const socket = io(`${url}/realtime`, { auth, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve(socket));
    socket.once('connect_error', reject);
    socket.once('unauthorized', (e: { message: string }) => reject(new Error(e.message)));
  });
}

/** What an agent is notified of (a mention, a reminder, a snoozed conversation woken), as the realtime `notice` event carries it. */
export interface AgentNotice { kind: string; conversationId: number; agentId: number }

/** The notices an agent's inbox gets from now on, in order; its socket joins `sockets`, for the test to disconnect. */
export async function agentNotices(url: string, token: string, sockets: Socket[]): Promise<AgentNotice[]> {
  const socket = await realtimeSocket(url, { token });
  sockets.push(socket);
  const notices: AgentNotice[] = [];
  socket.on('notice', (n: AgentNotice) => notices.push(n));
  return notices;
}

/** A web chat visitor's message (the visitor a test calls `visitorName`, with its server-issued token); resolves the conversation id. */
export async function visitorWrites(url: string, visitorName: string, text: string, clientMessageId: string): Promise<number> {
  const res = await (await visitor(url, visitorName)).send({ text, clientMessageId }).expect(201);
  return res.body.conversationId;
}
