import request from 'supertest';
import { io, Socket } from 'socket.io-client';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';
import { visitor } from './support/webchat-visitor';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

function connect(url: string, authPayload: Record<string, string>): Promise<Socket> {
  const socket = io(`${url}/realtime`, { auth: authPayload, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve(socket));
    socket.once('unauthorized', () => reject(new Error('unauthorized')));
    socket.once('connect_error', reject);
  });
}

describe('web chat end to end (HTTP, realtime, SQLite)', () => {
  let t: TestApp;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await t.destroy();
  });

  it('a visitor message reaches the agent list, and the reply reaches the visitor live and in history', async () => {
    const agentSocket = await connect(t.url, { token: ADMIN_TOKEN });
    sockets.push(agentSocket);
    const created = new Promise<{ body: string }>((resolve) => agentSocket.on('message.created', resolve));

    const sent = await (await visitor(t.url, 'visitor-abc-123'))
      .send({ name: 'Мария', text: 'Здравствуйте, не приходит код', clientMessageId: 'm1' })
      .expect(201);
    expect(sent.body.duplicate).toBe(false);
    expect((await created).body).toBe('Здравствуйте, не приходит код');

    const list = await request(t.url).get('/api/conversations').set(auth).expect(200);
    expect(list.body.items).toHaveLength(1);
    const conversation = list.body.items[0];
    expect(conversation).toMatchObject({ status: 'open', channel: { id: 'webchat', type: 'webchat' }, contact: { name: 'Мария' }, awaitingReply: true });

    const visitorSocket = await connect(t.url, { visitorToken: (await visitor(t.url, 'visitor-abc-123')).token });
    sockets.push(visitorSocket);
    const live = new Promise<{ text: string }>((resolve) => visitorSocket.on('reply', resolve));
    await request(t.url).post(`/api/conversations/${conversation.id}/messages`).set(auth).send({ body: 'Проверяем, минуту' }).expect(201);
    await request(t.url).post(`/api/conversations/${conversation.id}/messages`).set(auth).send({ body: 'internal: customer is VIP', kind: 'note' }).expect(201);
    expect((await live).text).toBe('Проверяем, минуту');

    const history = await eventually(async () => {
      const res = await (await visitor(t.url, 'visitor-abc-123')).history().expect(200);
      expect(res.body.items).toHaveLength(2);
      return res.body.items;
    });
    expect(history.map((m: { direction: string; text: string }) => [m.direction, m.text])).toEqual([
      ['in', 'Здравствуйте, не приходит код'],
      ['out', 'Проверяем, минуту'],
    ]);

    const messages = await request(t.url).get(`/api/conversations/${conversation.id}/messages`).set(auth).expect(200);
    expect(messages.body.items.map((m: { direction: string }) => m.direction)).toEqual(['in', 'out', 'note']);
    expect(messages.body.items[1].deliveryStatus).toBe('delivered');
    expect(messages.body.items[2].deliveryStatus).toBeNull();
    const after = await request(t.url).get(`/api/conversations/${conversation.id}`).set(auth).expect(200);
    expect(after.body.awaitingReply).toBe(false);
  });

  it('sends an agent\'s file to the visitor as a download link that only this visitor can use', async () => {
    const sent = await (await visitor(t.url, 'visitor-file-0001')).send({ text: 'Пришлите инструкцию', clientMessageId: 'f1' }).expect(201);
    const visitorSocket = await connect(t.url, { visitorToken: (await visitor(t.url, 'visitor-file-0001')).token });
    sockets.push(visitorSocket);
    const live = new Promise<{ text: string; attachments: Array<{ name: string; url: string }> }>((resolve) => visitorSocket.on('reply', resolve));
    const upload = await request(t.url).post('/api/attachments').set(auth)
      .attach('file', Buffer.from('%PDF-1.4 guide'), { filename: 'guide.pdf', contentType: 'application/pdf' }).expect(201);
    await request(t.url).post(`/api/conversations/${sent.body.conversationId}/messages`).set(auth)
      .send({ body: 'Вот инструкция', attachments: [{ storageKey: upload.body.storageKey, name: 'guide.pdf', contentType: 'application/pdf' }] }).expect(201);

    const reply = await live;
    expect(reply.attachments).toEqual([{ name: 'guide.pdf', url: `/webchat/attachments/${upload.body.storageKey}` }]);
    const token = (await visitor(t.url, 'visitor-file-0001')).token;
    const file = await eventually(() => request(t.url).get(reply.attachments[0].url).set('X-Visitor-Token', token).expect(200));
    expect(file.headers['content-disposition']).toBe("attachment; filename*=UTF-8''guide.pdf");
    expect(Buffer.from(file.body).toString()).toBe('%PDF-1.4 guide');
    const history = await (await visitor(t.url, 'visitor-file-0001')).history().expect(200);
    expect(history.body.items[1].attachments).toEqual([{ ...reply.attachments[0], size: 14 }]);
    expect(history.body.items[1].author).toBe('Administrator');
    // Another visitor, or a file never sent to this visitor: nothing.
    const other = await visitor(t.url, 'visitor-other-001');
    await request(t.url).get(`/webchat/attachments/${upload.body.storageKey}`).set('X-Visitor-Token', other.token).expect(404);
    await request(t.url).get(`/webchat/attachments/${'0'.repeat(64)}`).set('X-Visitor-Token', token).expect(404);
    await request(t.url).get(`/webchat/attachments/${upload.body.storageKey}`).expect(401);
  });

  it('stores a repeated clientMessageId once', async () => {
    const body = { text: 'hello', clientMessageId: 'same' };
    const dup = await visitor(t.url, 'visitor-dup-0001');
    const first = await dup.send(body).expect(201);
    const second = await dup.send(body).expect(201);
    expect(second.body).toMatchObject({ duplicate: true, messageId: first.body.messageId });
    const messages = await request(t.url).get(`/api/conversations/${first.body.conversationId}/messages`).set(auth).expect(200);
    expect(messages.body.items).toHaveLength(1);
  });

  it('answers 401 without a token, 403 to an agent on ops routes, 400 naming the field, 404 for unknown ids', async () => {
    await request(t.url).get('/api/conversations').expect(401);
    await request(t.url).get('/api/conversations').set({ Authorization: 'Bearer wrong' }).expect(401);
    await request(t.url).get('/api/channels').expect(401);

    const created = await request(t.url).post('/api/agents').set(auth).send({ name: 'Анна', email: 'anna@example.com', role: 'agent' }).expect(201);
    const agent = { Authorization: `Bearer ${created.body.token}` };
    await request(t.url).get('/api/conversations').set(agent).expect(200);
    const forbidden = await request(t.url).post('/api/agents').set(agent).send({ name: 'X', email: 'x@example.com', role: 'ops' }).expect(403);
    expect(forbidden.body.message).toContain('ops');

    const bad = await request(t.url).post('/api/agents').set(auth).send({ name: 'Y', email: 'not-an-email', role: 'boss' }).expect(400);
    expect(bad.body.fields).toEqual(expect.arrayContaining(['email', 'role']));
    const badChat = await (await visitor(t.url, 'short')).send({ text: '', clientMessageId: 'x' }).expect(400);
    expect(badChat.body.fields).toEqual(['text']);
    const badQuery = await request(t.url).get('/api/conversations?status=closed&limit=1000').set(auth).expect(400);
    expect(badQuery.body.fields).toEqual(expect.arrayContaining(['status', 'limit']));
    await request(t.url).post('/api/conversations/1/status').set(auth).send({ status: 'done' }).expect(400);

    await request(t.url).get('/api/conversations/999').set(auth).expect(404);
    await request(t.url).post('/api/conversations/999/messages').set(auth).send({ body: 'hi' }).expect(404);
    await request(t.url).get('/api/contacts/999').set(auth).expect(404);
    await request(t.url).post('/api/messages/999/retry').set(auth).expect(404);
    await request(t.url).post('/api/agents').set(auth).send({ name: 'Анна', email: 'anna@example.com', role: 'agent' }).expect(409);
  });

  it('assigns, filters by assignee and status, searches, and shows a contact across conversations', async () => {
    const a = await (await visitor(t.url, 'visitor-one-0001')).send({ name: 'Олег', text: 'Где мой заказ?', clientMessageId: '1' });
    await (await visitor(t.url, 'visitor-two-0002')).send({ name: 'Kate', text: 'Refund please', clientMessageId: '1' });
    const me = await request(t.url).get('/api/me').set(auth).expect(200);

    await request(t.url).post(`/api/conversations/${a.body.conversationId}/assign`).set(auth).send({ agentId: me.body.agentId }).expect(200);
    await request(t.url).post(`/api/conversations/${a.body.conversationId}/assign`).set(auth).send({ agentId: 4242 }).expect(400);
    const mine = await request(t.url).get('/api/conversations?assignee=me').set(auth).expect(200);
    expect(mine.body.items.map((c: { contact: { name: string } }) => c.contact.name)).toEqual(['Олег']);
    const unassigned = await request(t.url).get('/api/conversations?assignee=none').set(auth).expect(200);
    expect(unassigned.body.items.map((c: { contact: { name: string } }) => c.contact.name)).toEqual(['Kate']);

    const search = await request(t.url).get('/api/conversations').query({ q: 'ЗАКАЗ' }).set(auth).expect(200);
    expect(search.body.items.map((c: { id: number }) => c.id)).toEqual([a.body.conversationId]);

    await request(t.url).post(`/api/conversations/${a.body.conversationId}/status`).set(auth).send({ status: 'resolved' }).expect(200);
    const open = await request(t.url).get('/api/conversations?status=open').set(auth).expect(200);
    expect(open.body.items.map((c: { contact: { name: string } }) => c.contact.name)).toEqual(['Kate']);

    // The customer writes again after resolution: a new conversation, and the contact shows both.
    const again = await (await visitor(t.url, 'visitor-one-0001')).send({ text: 'Ещё вопрос', clientMessageId: '2' });
    expect(again.body.conversationId).not.toBe(a.body.conversationId);
    const conv = await request(t.url).get(`/api/conversations/${again.body.conversationId}`).set(auth).expect(200);
    const contact = await request(t.url).get(`/api/contacts/${conv.body.contact.id}`).set(auth).expect(200);
    expect(contact.body.conversations.map((c: { id: number }) => c.id).sort()).toEqual([a.body.conversationId, again.body.conversationId].sort());
    // The identity is a public random id, never the visitor's token; the token appears nowhere an agent reads.
    expect(contact.body.identities).toEqual([expect.objectContaining({ channelId: 'webchat', externalId: expect.stringMatching(/^v-[\w-]{12}$/) })]);
    const token = (await visitor(t.url, 'visitor-one-0001')).token;
    expect(JSON.stringify(conv.body)).not.toContain(token);
    expect(JSON.stringify(contact.body)).not.toContain(token);
  });

  it('merges two contacts', async () => {
    const a = await (await visitor(t.url, 'visitor-laptop-01')).send({ name: 'Ivan', text: 'hi', clientMessageId: '1' });
    const b = await (await visitor(t.url, 'visitor-phone-002')).send({ name: 'Ivan (phone)', text: 'hi again', clientMessageId: '1' });
    const ca = (await request(t.url).get(`/api/conversations/${a.body.conversationId}`).set(auth)).body.contact.id;
    const cb = (await request(t.url).get(`/api/conversations/${b.body.conversationId}`).set(auth)).body.contact.id;
    const merged = await request(t.url).post(`/api/contacts/${ca}/merge`).set(auth).send({ contactId: cb }).expect(200);
    expect(merged.body.identities).toHaveLength(2);
    expect(merged.body.conversations).toHaveLength(2);
    await request(t.url).post(`/api/contacts/${ca}/merge`).set(auth).send({ contactId: ca }).expect(400);
  });

  it('a stop and start on the same database keeps conversations, messages and tokens', async () => {
    const created = await request(t.url).post('/api/agents').set(auth).send({ name: 'Anna', email: 'anna@example.com', role: 'agent' }).expect(201);
    const sent = await (await visitor(t.url, 'visitor-keep-001')).send({ text: 'persist me', clientMessageId: 'k1' });
    await t.close();

    const before = await visitor(t.url, 'visitor-keep-001');
    t = await startTestApp({ dir: t.dir });
    const agent = { Authorization: `Bearer ${created.body.token}` };
    const list = await request(t.url).get('/api/conversations').set(agent).expect(200);
    expect(list.body.items.map((c: { id: number }) => c.id)).toEqual([sent.body.conversationId]);
    const again = await before.at(t.url).send({ text: 'persist me', clientMessageId: 'k1' });
    expect(again.body.duplicate).toBe(true);
  });

  it('serves the chat page, the OpenAPI document, health and metrics', async () => {
    const page = await request(t.url).get('/chat').expect(200);
    expect(page.text).toContain('/widget.js');
    const docs = await request(t.url).get('/api/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/conversations', '/api/conversations/{id}/messages', '/webchat/messages']));
    const health = await request(t.url).get('/health').set(auth).expect(200);
    expect(health.body.details).toMatchObject({ database: { status: 'up' }, 'channel:webchat': { status: 'up', state: 'ready' } });
    await (await visitor(t.url, 'visitor-metric-1')).send({ text: 'x', clientMessageId: '1' });
    const metrics = await request(t.url).get('/metrics').expect(200);
    expect(metrics.text).toContain('inbox_inbound_messages_total{channel="webchat"} 1');
    const channels = await request(t.url).get('/api/channels').set(auth).expect(200);
    expect(channels.body.items).toEqual([expect.objectContaining({ id: 'webchat', state: 'ready' })]);
  });

  it('refuses a realtime connection without a valid token or visitor token, and the old visitorId form', async () => {
    await expect(connect(t.url, { token: 'nope' })).rejects.toThrow('unauthorized');
    await expect(connect(t.url, {})).rejects.toThrow('unauthorized');
    await expect(connect(t.url, { visitorToken: 'x'.repeat(43) })).rejects.toThrow('unauthorized');
    await expect(connect(t.url, { visitorId: 'visitor-abc-123' })).rejects.toThrow('unauthorized');
  });
});
