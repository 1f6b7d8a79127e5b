import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the fake received: a Bot API method, or a file download (method `download`). */
export interface FakeCall {
  token: string;
  method: string;
  params: Record<string, unknown>;
  /** Uploaded files of a multipart call, by field name. */
  files: Record<string, { filename: string; data: Buffer }>;
  at: number;
}

export interface FakeFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

/** What the bot sent to a chat, as the customer's app would show it. */
export interface FakeSent {
  chatId: string;
  messageId: number;
  method: string;
  text?: string;
  file?: { filename: string; data: Buffer };
  /** The inline keyboard under the message, as the customer's app draws it. */
  replyMarkup?: { inline_keyboard?: { text: string; callback_data: string }[][] };
  at: number;
}

/** One bot's state: its queue of updates, its files, what it sent, and scripted failures. */
export class FakeBot {
  readonly me: { id: number; is_bot: true; first_name: string; username: string };
  readonly sent: FakeSent[] = [];
  /** Offsets passed to getUpdates, in order. */
  readonly offsets: number[] = [];
  /** Ids of the callback queries the bot answered (answerCallbackQuery). */
  readonly answeredCallbacks: string[] = [];
  /** getUpdates calls being answered now, and the most there ever were at once (Telegram answers a second one with 409). */
  pollingNow = 0;
  maxPollingAtOnce = 0;
  webhook: { url: string; secretToken?: string; maxConnections?: number } | null = null;
  /** The most updates one getUpdates returns (Telegram: 100); small values make a backlog arrive in batches. */
  maxBatch = 100;
  /** Delay before answering a getUpdates that has updates to deliver. */
  deliveryDelayMs = 0;
  /** Delay before serving each file download (a slow network). */
  downloadDelayMs = 0;
  private updates: Record<string, unknown>[] = [];
  private nextUpdateId = 500_000;
  private nextMessageId = 9000;
  private readonly files = new Map<string, { path: string; data: Buffer; size: number }>();
  /** Per method, the outcomes of its next calls: a failure, or null to let one through. */
  private readonly failures = new Map<string, (FakeFailure | null)[]>();
  private waiters: (() => void)[] = [];
  private heldDownloads: (() => void)[] | null = null;

  constructor(readonly token: string, username: string) {
    this.me = { id: Number(token.split(':')[0]), is_bot: true, first_name: username, username };
  }

  /** Queues updates for getUpdates; returns their update ids. */
  enqueue(...updates: Record<string, unknown>[]): number[] {
    const ids = updates.map((u) => {
      const update_id = this.nextUpdateId++;
      this.updates.push({ update_id, ...u });
      return update_id;
    });
    this.waiters.splice(0).forEach((wake) => wake());
    return ids;
  }

  /** Makes a file downloadable; `announcedSize` lets a test claim a size without sending that many bytes. */
  addFile(data: Buffer, announcedSize = data.length): { file_id: string; file_unique_id: string; file_size: number } {
    const n = this.files.size + 1;
    const file_id = `file-${n}-${this.token.length}`;
    this.files.set(file_id, { path: `documents/file_${n}.bin`, data, size: announcedSize });
    return { file_id, file_unique_id: `u${n}`, file_size: announcedSize };
  }

  /** The next `times` calls of this method fail with the given answer, after letting `after` calls through. */
  failNext(method: string, failure: FakeFailure, times = 1, after = 0): void {
    const script = [...Array.from({ length: after }, () => null), ...Array.from({ length: times }, () => failure)];
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...script]);
  }

  /** File downloads hang until released (a slow download, to stop a process mid-batch). */
  holdDownloads(): void {
    this.heldDownloads ??= [];
  }

  releaseDownloads(): void {
    const held = this.heldDownloads ?? [];
    this.heldDownloads = null;
    held.forEach((go) => go());
  }

  /** Updates not yet confirmed by an offset. */
  pending(): number {
    return this.updates.length;
  }

  /** @internal */
  takeFailure(method: string): FakeFailure | undefined {
    return this.failures.get(method)?.shift() ?? undefined;
  }

  /** @internal */
  async getUpdates(params: Record<string, unknown>, closed: Promise<void>): Promise<unknown[]> {
    this.pollingNow++;
    this.maxPollingAtOnce = Math.max(this.maxPollingAtOnce, this.pollingNow);
    try {
      return await this.answerGetUpdates(params, closed);
    } finally {
      this.pollingNow--;
    }
  }

  private async answerGetUpdates(params: Record<string, unknown>, closed: Promise<void>): Promise<unknown[]> {
    const offset = Number(params.offset ?? 0);
    this.offsets.push(offset);
    // Telegram forgets every update below the offset: that is how a client confirms them.
    if (offset > 0) this.updates = this.updates.filter((u) => (u.update_id as number) >= offset);
    const limit = Math.min(Number(params.limit ?? 100) || 100, this.maxBatch);
    const timeoutMs = Number(params.timeout ?? 0) * 1000;
    if (!this.updates.length && timeoutMs > 0) {
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push(resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
        closed,
      ]);
    }
    const batch = this.updates.slice(0, limit);
    if (batch.length && this.deliveryDelayMs) await new Promise((r) => setTimeout(r, this.deliveryDelayMs));
    return batch;
  }

  /** @internal */
  file(fileId: string) {
    const file = this.files.get(fileId);
    return file && { file_id: fileId, file_unique_id: fileId, file_size: file.size, file_path: file.path };
  }

  /** @internal */
  async download(path: string): Promise<Buffer | undefined> {
    if (this.heldDownloads) await new Promise<void>((go) => this.heldDownloads!.push(go));
    if (this.downloadDelayMs) await new Promise((r) => setTimeout(r, this.downloadDelayMs));
    return [...this.files.values()].find((f) => f.path === path)?.data;
  }

  /** @internal */
  recordSent(chatId: string, method: string, content: Pick<FakeSent, 'text' | 'file' | 'replyMarkup'>) {
    const message = { chatId, messageId: this.nextMessageId++, method, ...content, at: Date.now() };
    this.sent.push(message);
    return { message_id: message.messageId, date: Math.floor(message.at / 1000), chat: { id: Number(chatId), type: 'private' }, text: content.text };
  }
}

/**
 * A loopback Bot API server for tests: `/bot<token>/<method>` with JSON or multipart bodies as telegraf
 * sends them, and `/file/bot<token>/<path>` for downloads. Unknown tokens get 401 Unauthorized.
 */
export class FakeBotApi {
  readonly calls: FakeCall[] = [];
  private readonly bots = new Map<string, FakeBot>();

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<FakeBotApi> {
    let api: FakeBotApi | null = null;
    const server = createServer((req, res) => {
      api!.handle(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500).end(String(err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = new FakeBotApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return api;
  }

  addBot(token: string, username = 'support_test_bot'): FakeBot {
    const bot = new FakeBot(token, username);
    this.bots.set(token, bot);
    return bot;
  }

  callsOf(method: string, token?: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method && (!token || c.token === token));
  }

  async close(): Promise<void> {
    for (const bot of this.bots.values()) bot.releaseDownloads();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const closed = new Promise<void>((resolve) => res.on('close', resolve));
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? '');
    if (download) {
      const [, token, path] = download;
      this.calls.push({ token, method: 'download', params: { path }, files: {}, at: Date.now() });
      const data = await this.bots.get(token)?.download(path);
      if (!data) return void res.writeHead(404).end('Not Found');
      return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length }).end(data);
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    if (!match) return reply(res, { error_code: 404, description: 'Not Found' });
    const [, token, method] = match;
    const { params, files } = parseBody(req.headers['content-type'] ?? '', body);
    this.calls.push({ token, method, params, files, at: Date.now() });
    const bot = this.bots.get(token);
    if (!bot) return reply(res, { error_code: 401, description: 'Unauthorized' });
    const failure = bot.takeFailure(method);
    if (failure) return reply(res, failure);
    try {
      reply(res, undefined, await this.answer(bot, method, params, files, closed));
    } catch (err) {
      if (!(err instanceof BotApiRefusal)) throw err;
      reply(res, err.failure);
    }
  }

  private async answer(bot: FakeBot, method: string, params: Record<string, unknown>, files: FakeCall['files'], closed: Promise<void>): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return bot.me;
      case 'getUpdates':
        if (bot.webhook) throw new BotApiRefusal({ error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" });
        return bot.getUpdates(params, closed);
      case 'setWebhook':
        bot.webhook = { url: String(params.url), secretToken: params.secret_token as string | undefined, maxConnections: params.max_connections === undefined ? undefined : Number(params.max_connections) };
        return true;
      case 'deleteWebhook':
        bot.webhook = null;
        return true;
      case 'getFile': {
        const file = bot.file(String(params.file_id));
        if (!file) throw new BotApiRefusal({ error_code: 400, description: 'Bad Request: invalid file_id' });
        return file;
      }
      case 'sendMessage': {
        const markup = typeof params.reply_markup === 'string' ? JSON.parse(params.reply_markup) : params.reply_markup;
        return bot.recordSent(String(params.chat_id), method, { text: String(params.text), ...(markup ? { replyMarkup: markup as FakeSent['replyMarkup'] } : {}) });
      }
      case 'answerCallbackQuery':
        bot.answeredCallbacks.push(String(params.callback_query_id));
        return true;
      case 'sendPhoto':
      case 'sendDocument': {
        const file = files[method === 'sendPhoto' ? 'photo' : 'document'];
        return bot.recordSent(String(params.chat_id), method, { file });
      }
      default:
        throw new BotApiRefusal({ error_code: 404, description: `Not Found: method ${method} is not faked` });
    }
  }
}

/** A Bot API error answer ({ ok: false, error_code, description }). */
class BotApiRefusal extends Error {
  constructor(readonly failure: FakeFailure) {
    super(failure.description);
  }
}

function reply(res: ServerResponse, failure?: FakeFailure, result?: unknown): void {
  const payload = failure ? { ok: false, ...failure } : { ok: true, result };
  res.writeHead(failure ? failure.error_code : 200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON as telegraf sends plain calls, or multipart/form-data when a call carries a file. */
function parseBody(contentType: string, body: Buffer): { params: Record<string, unknown>; files: FakeCall['files'] } {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (!boundary) return { params: body.length ? JSON.parse(body.toString('utf8')) : {}, files: {} };
  const params: Record<string, unknown> = {};
  const files: FakeCall['files'] = {};
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // Prefix a CRLF so the first delimiter looks like the others.
  let rest = Buffer.concat([Buffer.from('\r\n'), body]);
  for (;;) {
    const start = rest.indexOf(delimiter);
    if (start < 0) break;
    rest = rest.subarray(start + delimiter.length);
    if (rest.subarray(0, 2).toString() === '--') break;
    const end = rest.indexOf(delimiter);
    const part = rest.subarray(2, end < 0 ? rest.length : end); // skip the CRLF after the delimiter
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const data = part.subarray(headerEnd + 4);
    const name = /name="([^"]+)"/.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    if (filename !== undefined) files[name] = { filename, data: Buffer.from(data) };
    else params[name] = data.toString('utf8');
  }
  return { params, files };
}

export interface FakeUser {
  id: number;
  is_bot: false;
  first_name?: string;
  last_name?: string;
  username?: string;
}

export function customer(id: number, names: Omit<FakeUser, 'id' | 'is_bot'> = { first_name: 'Анна', last_name: 'Петрова' }): FakeUser {
  return { id, is_bot: false, ...names };
}

/** A `message` update from a customer's private chat with the bot. */
export function messageUpdate(user: FakeUser, messageId: number, fields: Record<string, unknown>, date = Math.floor(Date.now() / 1000)) {
  return { message: { message_id: messageId, date, chat: { id: user.id, type: 'private', first_name: user.first_name }, from: user, ...fields } };
}

/** An `edited_message` update: the customer changed an earlier message. */
export function editUpdate(user: FakeUser, messageId: number, text: string, editDate: number) {
  const { message } = messageUpdate(user, messageId, { text, edit_date: editDate }, editDate - 60);
  return { edited_message: message };
}

let nextCallbackQuery = 1;

/** A `callback_query` update: the customer pressed an inline keyboard button under a message the bot sent. */
export function callbackQueryUpdate(user: FakeUser, sent: Pick<FakeSent, 'messageId'>, data: string) {
  return {
    callback_query: {
      id: `${user.id}${String(nextCallbackQuery++).padStart(6, '0')}`,
      from: user,
      chat_instance: '-100500',
      message: { message_id: sent.messageId, date: Math.floor(Date.now() / 1000), chat: { id: user.id, type: 'private', first_name: user.first_name } },
      data,
    },
  };
}
