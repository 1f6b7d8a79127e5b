import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the fake received: an API method, a long poll (`a_check`) or a file download (`download`). */
export interface FakeVkCall {
  method: string;
  params: Record<string, string>;
  at: number;
}

export interface FakeVkError {
  error_code: number;
  error_msg: string;
}

/** A message the community sent, as the customer's app would show it. */
export interface FakeVkSent {
  peerId: number;
  messageId: number;
  randomId: number;
  text: string;
  /** The keyboard sent with the message (JSON parsed), as the customer's app draws it. */
  keyboard?: { inline?: boolean; buttons: { action: { type: string; label: string; payload?: string } }[][] };
  /** Files attached to the message, as VK stored them from the uploads. */
  files: FakeVkFile[];
  at: number;
}

export interface FakeVkFile {
  kind: 'photo' | 'doc';
  name: string;
  contentType: string;
  data: Buffer;
}

export interface FakeVkUser {
  id: number;
  first_name: string;
  last_name: string;
}

/**
 * A loopback VK API for tests, speaking VK's JSON: `/method/<name>` as form posts (`{ response }` or `{ error }`),
 * the Bots Long Poll server at `/lp/<group>` with `ts` and `failed`, and file downloads at `/files/<name>`.
 * It holds one community: its token, its users, its long poll history, and what it sent.
 */
export class FakeVkApi {
  readonly calls: FakeVkCall[] = [];
  readonly sent: FakeVkSent[] = [];
  /** `ts` values of long poll requests, in order. */
  readonly polledTs: string[] = [];
  /** The most events one long poll answer carries; small values make a backlog arrive in batches. */
  maxBatch = 100;
  private readonly users = new Map<number, FakeVkUser>();
  private readonly files = new Map<string, Buffer>();
  /** The long poll history: event number → event; `ts` is the number of the next event. */
  private readonly history: Record<string, unknown>[] = [];
  private readonly firstTs = 1;
  private readonly key = 'key-1';
  private nextMessageId = 90_000;
  private nextEventId = 1;
  private readonly failures = new Map<string, (FakeVkError | null)[]>();
  private readonly pollFailures: Record<string, unknown>[] = [];
  private readonly lostAnswers = new Map<string, number>();
  /** Files posted to an upload server, by upload key; then saved ones, by attachment string (`doc-1_2`). */
  private readonly uploads = new Map<string, FakeVkFile>();
  private readonly media = new Map<string, FakeVkFile>();
  /** Set: upload servers refuse every file with this reason, as VK does a type it does not take. */
  refuseUploads: string | null = null;
  private waiters: (() => void)[] = [];
  private heldDownloads: (() => void)[] | null = null;

  private constructor(private readonly server: Server, readonly url: string, readonly token: string, readonly groupId: number) {}

  static async start(token = 'vk1.a.community-token', groupId = 218000111): Promise<FakeVkApi> {
    let api: FakeVkApi | null = null;
    const server = createServer((req, res) => {
      api!.handle(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500).end(String(err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = new FakeVkApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token, groupId);
    return api;
  }

  get apiBaseUrl(): string {
    return `${this.url}/method`;
  }

  /** The config of a vk channel (long polling every second) pointed at this fake; `extra` adds YAML lines to it. */
  configYaml(extra = '', token = this.token): string {
    return `
channels:
  - id: vk
    type: vk
    token: "${token}"
    groupId: ${this.groupId}
    apiBaseUrl: ${this.apiBaseUrl}
    pollWaitSeconds: 1
${extra}`;
  }

  addUser(id: number, first_name: string, last_name: string): FakeVkUser {
    const user = { id, first_name, last_name };
    this.users.set(id, user);
    return user;
  }

  /** Makes a file downloadable; returns its URL. */
  addFile(name: string, data: Buffer): string {
    this.files.set(name, data);
    return `${this.url}/files/${name}`;
  }

  /** A `message_new` event as both APIs deliver it (without the secret, which the Callback API adds). */
  messageNew(from: number, messageId: number, fields: Record<string, unknown> = {}, date = Math.floor(Date.now() / 1000)): Record<string, unknown> {
    return {
      group_id: this.groupId,
      type: 'message_new',
      event_id: `ev${(this.nextEventId++).toString(16).padStart(8, '0')}`,
      v: '5.199',
      object: {
        message: { date, from_id: from, id: messageId, out: 0, peer_id: from, text: '', conversation_message_id: messageId, attachments: [], fwd_messages: [], important: false, is_hidden: false, ...fields },
        client_info: { button_actions: ['text'], keyboard: true, inline_keyboard: true, carousel: true, lang_id: 0 },
      },
    };
  }

  /** Adds events to the long poll history and wakes a waiting poll; returns the `ts` of the first. */
  publish(...events: Record<string, unknown>[]): number {
    const ts = this.nextTs();
    this.history.push(...events);
    this.waiters.splice(0).forEach((wake) => wake());
    return ts;
  }

  /** The next `times` calls of this method answer with the error, after letting `after` calls through. */
  failNext(method: string, error: FakeVkError, times = 1, after = 0): void {
    const script = [...Array.from({ length: after }, () => null), ...Array.from({ length: times }, () => error)];
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...script]);
  }

  /** The next `times` calls of this method are carried out, but their answers are lost (the connection drops). */
  loseNextAnswers(method: string, times = 1): void {
    this.lostAnswers.set(method, (this.lostAnswers.get(method) ?? 0) + times);
  }

  /** The next long poll answers this instead of events (`{ failed: 2 }`…). */
  failNextPoll(answer: Record<string, unknown>): void {
    this.pollFailures.push(answer);
  }

  holdDownloads(): void {
    this.heldDownloads ??= [];
  }

  releaseDownloads(): void {
    const held = this.heldDownloads ?? [];
    this.heldDownloads = null;
    held.forEach((go) => go());
  }

  callsOf(method: string): FakeVkCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async close(): Promise<void> {
    this.releaseDownloads();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextTs(): number {
    return this.firstTs + this.history.length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    const closed = new Promise<void>((resolve) => res.on('close', resolve));
    const file = /^\/files\/(.+)$/.exec(url.pathname);
    if (file) {
      this.calls.push({ method: 'download', params: { name: file[1] }, at: Date.now() });
      if (this.heldDownloads) await new Promise<void>((go) => this.heldDownloads!.push(go));
      const data = this.files.get(file[1]);
      if (!data) return void res.writeHead(404).end('Not Found');
      return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length }).end(data);
    }
    const upload = /^\/upload\/(photo|doc)$/.exec(url.pathname);
    if (upload) return json(res, await this.receiveUpload(upload[1] as FakeVkFile['kind'], req.headers['content-type'] ?? '', body));
    if (url.pathname === `/lp/${this.groupId}`) {
      const params = Object.fromEntries(url.searchParams);
      this.calls.push({ method: 'a_check', params, at: Date.now() });
      return json(res, await this.poll(params, closed));
    }
    const method = /^\/method\/([\w.]+)$/.exec(url.pathname)?.[1];
    if (!method || req.method !== 'POST') return void res.writeHead(404).end('Not Found');
    const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    this.calls.push({ method, params, at: Date.now() });
    const requestParams = Object.entries(params).filter(([k]) => k !== 'access_token').map(([key, value]) => ({ key, value }));
    const refuse = (error: FakeVkError) => json(res, { error: { ...error, request_params: requestParams } });
    if (params.access_token !== this.token) return refuse({ error_code: 5, error_msg: 'User authorization failed: invalid access_token (4).' });
    if (!params.v) return refuse({ error_code: 8, error_msg: 'Invalid request: v (version) is required' });
    const failure = this.failures.get(method)?.shift();
    if (failure) return refuse(failure);
    const answer = this.answer(method, params);
    if ('error_code' in answer) return refuse(answer);
    const lost = this.lostAnswers.get(method) ?? 0;
    if (lost > 0) {
      this.lostAnswers.set(method, lost - 1);
      return void res.destroy();
    }
    json(res, { response: answer.response });
  }

  private answer(method: string, params: Record<string, string>): { response: unknown } | FakeVkError {
    switch (method) {
      case 'groups.getById':
        return { response: { groups: [{ id: this.groupId, name: 'Shop support', screen_name: 'shop', type: 'group' }], profiles: [] } };
      case 'groups.getLongPollServer':
        if (Number(params.group_id) !== this.groupId) return { error_code: 100, error_msg: 'One of the parameters specified was missing or invalid: group_id is undefined' };
        return { response: { key: this.key, server: `${this.url}/lp/${this.groupId}`, ts: String(this.nextTs()) } };
      case 'users.get':
        return { response: params.user_ids.split(',').map(Number).filter((id) => this.users.has(id)).map((id) => this.users.get(id)) };
      case 'messages.send':
        return this.send(params);
      case 'photos.getMessagesUploadServer':
        return { response: { upload_url: `${this.url}/upload/photo`, album_id: -64, group_id: this.groupId } };
      case 'docs.getMessagesUploadServer':
        return { response: { upload_url: `${this.url}/upload/doc` } };
      case 'photos.saveMessagesPhoto': {
        const saved = this.save('photo', params.photo);
        return saved ? { response: [{ id: saved.id, owner_id: -this.groupId, access_key: 'ak1' }] } : NOT_UPLOADED;
      }
      case 'docs.save': {
        const saved = this.save('doc', params.file);
        return saved ? { response: { type: 'doc', doc: { id: saved.id, owner_id: -this.groupId, title: params.title } } } : NOT_UPLOADED;
      }
      default:
        return { error_code: 3, error_msg: `Unknown method passed: ${method} is not faked` };
    }
  }

  /** An upload server's answer: a key to save the file by, or `{ error }` in the upload servers' own shape. */
  private async receiveUpload(kind: FakeVkFile['kind'], contentType: string, body: Buffer): Promise<Record<string, unknown>> {
    if (this.refuseUploads) return { error: 'file_type_invalid', error_descr: this.refuseUploads };
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    const file = form.get(kind === 'photo' ? 'photo' : 'file');
    if (!(file instanceof Blob)) return { error: 'no_file', error_descr: `no ${kind === 'photo' ? 'photo' : 'file'} field in the upload` };
    const key = `upload-${this.uploads.size + 1}`;
    this.uploads.set(key, { kind, name: (file as File).name, contentType: file.type, data: Buffer.from(await file.arrayBuffer()) });
    return kind === 'photo' ? { server: 1, photo: JSON.stringify([{ key }]), hash: 'h' } : { file: key };
  }

  private save(kind: FakeVkFile['kind'], uploaded: string | undefined): { id: number } | null {
    const key = kind === 'photo' ? (JSON.parse(uploaded ?? '[]')[0]?.key as string | undefined) : uploaded;
    const file = key ? this.uploads.get(key) : undefined;
    if (!file || file.kind !== kind) return null;
    const id = this.media.size + 1;
    this.media.set(`${kind}${-this.groupId}_${id}`, file);
    return { id };
  }

  private send(params: Record<string, string>): { response: number } | FakeVkError {
    const peerId = Number(params.peer_id ?? params.user_id);
    const randomId = Number(params.random_id);
    const files: FakeVkFile[] = [];
    for (const attachment of (params.attachment ?? '').split(',').filter(Boolean)) {
      const file = this.media.get(attachment.replace(/^(\w+-?\d+_\d+)_.*$/, '$1'));
      if (!file) return { error_code: 100, error_msg: `One of the parameters specified was missing or invalid: attachment ${attachment} not found` };
      files.push(file);
    }
    if (!params.message && !files.length) return { error_code: 100, error_msg: 'One of the parameters specified was missing or invalid: message is empty or invalid' };
    if ([...(params.message ?? '')].length > 4096) return { error_code: 914, error_msg: 'Message is too long' };
    // VK sends a message with a random_id it has seen from this community once, and answers with the first one's id.
    const earlier = this.sent.find((s) => s.peerId === peerId && s.randomId === randomId && randomId !== 0);
    if (earlier) return { response: earlier.messageId };
    const message = { peerId, randomId, messageId: this.nextMessageId++, text: params.message ?? '', files, at: Date.now(), ...(params.keyboard ? { keyboard: JSON.parse(params.keyboard) } : {}) };
    this.sent.push(message);
    return { response: message.messageId };
  }

  private async poll(params: Record<string, string>, closed: Promise<void>): Promise<Record<string, unknown>> {
    this.polledTs.push(params.ts);
    if (params.act !== 'a_check') return { failed: 4, min_version: 0, max_version: 0 };
    const scripted = this.pollFailures.shift();
    if (scripted) return scripted;
    if (params.key !== this.key) return { failed: 2 };
    const ts = Number(params.ts);
    if (!Number.isInteger(ts)) return { failed: 1, ts: this.nextTs() };
    if (ts < this.firstTs) return { failed: 1, ts: this.firstTs };
    const waitMs = Number(params.wait ?? 0) * 1000;
    if (ts >= this.nextTs() && waitMs > 0) {
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push(resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, waitMs).unref()),
        closed,
      ]);
    }
    const updates = this.history.slice(ts - this.firstTs, ts - this.firstTs + this.maxBatch);
    return { ts: String(ts + updates.length), updates };
  }
}

const NOT_UPLOADED: FakeVkError = { error_code: 100, error_msg: 'One of the parameters specified was missing or invalid: the file was not uploaded' };

function json(res: ServerResponse, payload: unknown): void {
  if (res.destroyed) return;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
