import request from 'supertest';
import { adminAuth, createAgent, realtimeSocket, visitorWrites } from './support/agents';
import { appPerTest, eventually } from './support/test-app';
import { visitor as webchatVisitor } from './support/webchat-visitor';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('typing indicators in the web chat', () => {
  const { startApp, sockets } = appPerTest();

  it('shows the agents that the visitor types, and the visitor that an agent types; nobody else hears it', async () => {
    const t = await startApp();
    const anna = await createAgent(t.url, 'Анна Смирнова', 'anna@example.com');
    const id = await visitorWrites(t.url, 'typing-visitor-1', 'Здравствуйте', '1');
    await visitorWrites(t.url, 'typing-visitor-2', 'Другой посетитель', '1');
    const agent = await realtimeSocket(t.url, { token: anna.token });
    const visitor = await realtimeSocket(t.url, { visitorToken: (await webchatVisitor(t.url, 'typing-visitor-1')).token });
    const other = await realtimeSocket(t.url, { visitorToken: (await webchatVisitor(t.url, 'typing-visitor-2')).token });
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
