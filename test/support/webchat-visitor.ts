import request from 'supertest';

/** A web chat visitor as a test drives it: the token POST /webchat/session issued, sent in X-Visitor-Token. */
export interface TestVisitor {
  token: string;
  /** POST /webchat/messages as this visitor (a supertest request: chain .expect). */
  send(body: Record<string, unknown>): request.Test;
  /** GET /webchat/messages as this visitor. */
  history(): request.Test;
  /** The same visitor (token) against another server, e.g. after a restart on the same database. */
  at(url: string): TestVisitor;
}

function bind(url: string, token: string): TestVisitor {
  return {
    token,
    send: (body) => request(url).post('/webchat/messages').set('X-Visitor-Token', token).send(body),
    history: () => request(url).get('/webchat/messages').set('X-Visitor-Token', token),
    at: (other) => bind(other, token),
  };
}

const known = new Map<string, Promise<TestVisitor>>();

/**
 * The visitor a test calls `name` on the server at `url`: the first call gets a token from POST /webchat/session,
 * later calls with the same name reuse it, so `visitor(url, 'anna')` twice is one person.
 */
export function visitor(url: string, name: string, session: Record<string, unknown> = {}): Promise<TestVisitor> {
  const key = `${url}|${name}`;
  if (!known.has(key)) {
    known.set(key, request(url).post('/webchat/session').send(session).expect(200).then((res) => bind(url, res.body.token as string)));
  }
  return known.get(key)!;
}
