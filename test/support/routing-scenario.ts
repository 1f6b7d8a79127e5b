import request from 'supertest';
import { io, Socket } from 'socket.io-client';
import { configYaml, HIGH_WEBCHAT_LIMITS, quietWebchatPolicy, webchatChannel } from './config-yaml';
import { ADMIN_TOKEN, eventually } from './test-app';
import { visitor as webchatVisitor } from './webchat-visitor';

export const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The web chat of the routing tests: limits none of their many visitors reach, no high-load notice; `sections` add to it (routing: …). */
export function routingConfig(sections: Record<string, unknown> = {}, webchatPolicy: Record<string, unknown> = {}): string {
  return configYaml({ channels: [webchatChannel('Web chat')], policies: quietWebchatPolicy(webchatPolicy), limits: HIGH_WEBCHAT_LIMITS, ...sections });
}

export interface ConversationEvent { id: number; assigneeId: number | null; status: string; teamId: number | null; dueAt: string | null; waitingSince: string }

/** An agent's socket that records every event it gets, in order. */
export async function watch(url: string, token = ADMIN_TOKEN): Promise<{ socket: Socket; events: Array<{ event: string; payload: any; at: number }> }> {
  const events: Array<{ event: string; payload: any; at: number }> = [];
  const socket = io(`${url}/realtime`, { auth: { token }, transports: ['websocket'], reconnection: false });
  socket.onAny((event, payload) => events.push({ event, payload, at: Date.now() }));
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('unauthorized', () => reject(new Error('unauthorized')));
    socket.once('connect_error', reject);
  });
  return { socket, events };
}

export async function createAgent(url: string, name: string, capacity?: number): Promise<{ id: number; token: string }> {
  const res = await request(url).post('/api/agents').set(auth).send({ name, email: `${name.toLowerCase()}@example.test`, role: 'agent' }).expect(201);
  if (capacity !== undefined) await request(url).patch(`/api/agents/${res.body.id}`).set(auth).send({ capacity }).expect(200);
  return { id: res.body.id, token: res.body.token };
}

export async function setAvailability(url: string, token: string, availability: 'online' | 'busy' | 'offline') {
  return (await request(url).put('/api/me/availability').set(bearer(token)).send({ availability }).expect(200)).body;
}

/** A web chat visitor (the one a test calls `visitor`, with its server-issued token) writes; the request asserts 201. */
export async function sendChat(url: string, visitor: string, text: string) {
  return (await webchatVisitor(url, `visitor-${visitor}`)).send({ name: visitor, text, clientMessageId: `${visitor}-${text}` }).expect(201);
}

/**
 * Replays the conversation.updated events as they came and returns, for each agent, the most open conversations it
 * held at any moment (the check "never more than its capacity at any moment", from the events).
 */
export function peakHolding(events: Array<{ event: string; payload: any }>): Map<number, number> {
  const state = new Map<number, { assigneeId: number | null; status: string }>();
  const peak = new Map<number, number>();
  for (const { event, payload } of events) {
    if (event !== 'conversation.updated') continue;
    state.set(payload.id, { assigneeId: payload.assigneeId, status: payload.status });
    const holding = new Map<number, number>();
    for (const s of state.values()) if (s.assigneeId !== null && s.status === 'open') holding.set(s.assigneeId, (holding.get(s.assigneeId) ?? 0) + 1);
    for (const [agent, n] of holding) peak.set(agent, Math.max(peak.get(agent) ?? 0, n));
  }
  return peak;
}

/**
 * The capacity scenario through HTTP and sockets: three online agents of capacity 3, a busy and an offline member,
 * 20 conversations at once (spread over the given API URLs); never more than 3 each, the 11 left wait in urgency
 * order, resolving one lets the next through within 1 s.
 */
export async function capacityScenario(urls: string[], opts: { strictUrgency: boolean }) {
  const [url] = urls;
  const watcher = await watch(urls[urls.length - 1]);
  try {
    const agents: Array<{ id: number; token: string }> = [];
    for (const name of ['Anna', 'Boris', 'Vera']) agents.push(await createAgent(url, name, 3));
    const busy = await createAgent(url, 'Gleb', 3);
    const offline = await createAgent(url, 'Dina', 3);
    const team = (await request(url).post('/api/teams').set(auth)
      .send({ name: 'Chat line 1', line: 1, channels: ['webchat'], assignment: 'auto', members: [...agents, busy, offline].map((a) => ({ agentId: a.id })) })
      .expect(201)).body;
    for (const a of agents) expect(await setAvailability(urls[a.id % urls.length], a.token, 'online')).toMatchObject({ availability: 'online', holding: 0, capacity: 3 });
    await setAvailability(url, busy.token, 'busy');
    await setAvailability(url, offline.token, 'offline');

    await Promise.all(Array.from({ length: 20 }, (_, i) => sendChat(urls[i % urls.length], `capacity-visitor-${i}`, `question ${i}`)));

    const byAgent = async () => {
      const items: ConversationEvent[] = (await request(url).get('/api/conversations?status=open&limit=100').set(auth).expect(200)).body.items;
      return items;
    };
    const all = await eventually(async () => {
      const items = await byAgent();
      expect(items).toHaveLength(20);
      expect(items.filter((c) => c.assigneeId !== null)).toHaveLength(9);
      return items;
    }, 10_000);
    for (const a of agents) expect(all.filter((c) => c.assigneeId === a.id)).toHaveLength(3);
    expect(all.filter((c) => c.assigneeId === busy.id || c.assigneeId === offline.id)).toEqual([]);
    expect(all.every((c) => c.teamId === team.id)).toBe(true);

    // The 11 left wait in urgency order.
    const lead = await request(url).get(`/api/teams/${team.id}/queue`).set(auth).expect(200);
    const waiting: ConversationEvent[] = lead.body.waiting;
    expect(waiting).toHaveLength(11);
    const dues = waiting.map((c) => Date.parse(c.dueAt!));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    if (opts.strictUrgency) {
      const assignedDues = all.filter((c) => c.assigneeId !== null).map((c) => Date.parse(c.dueAt!));
      expect(Math.max(...assignedDues)).toBeLessThanOrEqual(dues[0]);
    }
    expect(lead.body.members.filter((m: { holding: number }) => m.holding === 3)).toHaveLength(3);

    // Resolving one assigns the next (the most urgent waiting) within 1 s.
    const freed = all.find((c) => c.assigneeId === agents[1].id)!;
    const resolvedAt = Date.now();
    await request(urls[urls.length - 1]).post(`/api/conversations/${freed.id}/status`).set(bearer(agents[1].token)).send({ status: 'resolved' }).expect(200);
    const next = waiting[0];
    const taken = await eventually(() => {
      const e = watcher.events.find((x) => x.event === 'conversation.updated' && x.payload.id === next.id && x.payload.assigneeId !== null);
      expect(e).toBeDefined();
      return e!;
    }, 3000, 10);
    expect(taken.payload.assigneeId).toBe(agents[1].id);
    expect(taken.at - resolvedAt).toBeLessThan(1000);

    // Never more than 3 each at any moment, from the events as they came; the busy and offline members got none.
    await new Promise((r) => setTimeout(r, 200));
    const peak = peakHolding(watcher.events);
    for (const a of agents) expect(peak.get(a.id)).toBe(3);
    expect(peak.get(busy.id)).toBeUndefined();
    expect(peak.get(offline.id)).toBeUndefined();

    // Ops raise one agent's capacity: the most urgent waiting conversation goes to it at once.
    const raisedAt = Date.now();
    await request(url).patch(`/api/agents/${agents[0].id}`).set(auth).send({ capacity: 4 }).expect(200);
    const more = await eventually(() => {
      const e = watcher.events.find((x) => x.event === 'conversation.updated' && x.payload.id === waiting[1].id && x.payload.assigneeId !== null);
      expect(e).toBeDefined();
      return e!;
    }, 3000, 10);
    expect(more.payload.assigneeId).toBe(agents[0].id);
    expect(more.at - raisedAt).toBeLessThan(1000);
    return { agents, team, watcher };
  } finally {
    watcher.socket.disconnect();
  }
}
