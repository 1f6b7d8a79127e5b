import request from 'supertest';
import { io, Socket as ClientSocket } from 'socket.io-client';
import { adminAuth, createAgent, realtimeSocket } from './support/agents';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { visitor as webchatVisitor } from './support/webchat-visitor';

/** A web chat visitor's realtime socket (auth: { visitorToken }), resolved once the server accepted it. */
function visitorSocket(url: string, visitorToken: string): Promise<ClientSocket> {
  const socket = io(`${url}/realtime`, { auth: { visitorToken }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve(socket));
    socket.once('connect_error', reject);
    socket.once('unauthorized', (e: { message: string }) => reject(new Error(e.message)));
  });
}

/** A visitor's web chat message; resolves the conversation id. */
async function visitorWrites(url: string, name: string, text: string, clientMessageId: string): Promise<number> {
  const res = await (await webchatVisitor(url, name)).send({ text, clientMessageId }).expect(201);
  return res.body.conversationId;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('typing indicators in the web chat', () => {
  let t: TestApp | null = null;
  const sockets: ClientSocket[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await t?.destroy();
    t = null;
  });

  it('shows the agents that the visitor types, and the visitor that an agent types; nobody else hears it', async () => {
    t = await startTestApp();
    const anna = await createAgent(t.url, 'Анна Смирнова', 'anna@example.com');
    const id = await visitorWrites(t.url, 'typing-visitor-1', 'Здравствуйте', '1');
    await visitorWrites(t.url, 'typing-visitor-2', 'Другой посетитель', '1');
    const agent = await realtimeSocket(t.url, { token: anna.token });
    const visitor = await visitorSocket(t.url, (await webchatVisitor(t.url, 'typing-visitor-1')).token);
    const other = await visitorSocket(t.url, (await webchatVisitor(t.url, 'typing-visitor-2')).token);
    sockets.push(agent, visitor, other);
    const agentSaw: unknown[] = [];
    const visitorSaw: unknown[] = [];
    const otherSaw: unknown[] = [];
    agent.on('typing', (e) => agentSaw.push(e));
    visitor.on('typing', (e) => visitorSaw.push(e));
    other.on('typing', (e) => otherSaw.push(e));

    visitor.emit('typing', { typing: true });
    await eventually(() => expect(agentSaw).toEqual([{ conversationId: id, typing: true }]));
    visitor.emit('typing', { typing: false });
    await eventually(() => expect(agentSaw).toEqual([{ conversationId: id, typing: true }, { conversationId: id, typing: false }]));

    agent.emit('typing', { conversationId: id, typing: true });
    await eventually(() => expect(visitorSaw).toEqual([{ conversationId: id, typing: true, author: 'Анна Смирнова' }]));
    // A visitor cannot pose as an agent: naming a conversation from a visitor's socket reaches no other visitor.
    visitor.emit('typing', { conversationId: id + 1, typing: true });
    await sleep(300);
    expect(otherSaw).toEqual([]);
    expect((await request(t.url).get(`/api/conversations/${id}`).set(adminAuth).expect(200)).body.status).toBe('open');
  });
});
