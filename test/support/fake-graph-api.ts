import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

export interface GraphSend {
  phoneNumberId: string;
  authorization: string | undefined;
  body: { messaging_product: string; to: string; type: string; text?: { body: string }; image?: { id: string }; document?: { id: string; filename: string }; audio?: { id: string }; interactive?: { type: string; body: { text: string }; action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] } } };
  id: string;
}

/**
 * A loopback stand-in for the Graph API (WhatsApp Cloud): records sends (`POST /{phoneNumberId}/messages`
 * with the Bearer token), serves media (`GET /{mediaId}` → url, then the url), and answers the number check.
 */
export class FakeGraphApi {
  readonly sends: GraphSend[] = [];
  readonly requests: { method: string; path: string; authorization: string | undefined }[] = [];
  /** Answers for the next sends, in order: a Graph error instead of success. */
  readonly sendFailures: { status: number; error: Record<string, unknown> }[] = [];
  /** Files uploaded to send (`POST /{phoneNumberId}/media`, multipart), by the media id they were given. */
  readonly uploads: { id: string; name: string; type: string; data: Buffer }[] = [];
  /** Answers for the next uploads, in order: a Graph error instead of success (WhatsApp refusing the file). */
  readonly uploadFailures: { status: number; error: Record<string, unknown> }[] = [];
  private readonly media = new Map<string, { data: Buffer; mimeType: string }>();
  private server: Server | null = null;
  private sequence = 0;
  url = '';

  constructor(readonly phoneNumberId: string, readonly accessToken: string, readonly version = 'v23.0') {}

  get apiRoot(): string {
    return `${this.url}/${this.version}`;
  }

  addMedia(id: string, data: Buffer, mimeType: string): void {
    this.media.set(id, { data, mimeType });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => this.reply(res, 500, { error: { message: String(err) } }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const authorization = req.headers.authorization;
    this.requests.push({ method: req.method ?? 'GET', path, authorization });
    const body = await readBody(req);
    if (authorization !== `Bearer ${this.accessToken}`) {
      return this.reply(res, 401, { error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 } });
    }
    const file = /^\/media-files\/(.+)$/.exec(path);
    if (req.method === 'GET' && file && this.media.has(file[1])) {
      res.writeHead(200, { 'Content-Type': this.media.get(file[1])!.mimeType });
      res.end(this.media.get(file[1])!.data);
      return;
    }
    const [version, node, edge, ...rest] = path.split('/').slice(1);
    if (version !== this.version || rest.length) return this.unsupported(res, path);
    if (req.method === 'GET' && node === this.phoneNumberId && !edge) {
      return this.reply(res, 200, { id: this.phoneNumberId, display_phone_number: '+1 555-000-1234', verified_name: 'Support Inbox Test' });
    }
    if (req.method === 'POST' && node === this.phoneNumberId && edge === 'messages') {
      const failure = this.sendFailures.shift();
      if (failure) return this.reply(res, failure.status, { error: failure.error });
      const message = JSON.parse(body.toString('utf8')) as GraphSend['body'];
      const id = `wamid.OUT${++this.sequence}`;
      this.sends.push({ phoneNumberId: node, authorization, body: message, id });
      return this.reply(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: message.to, wa_id: message.to }], messages: [{ id }] });
    }
    if (req.method === 'POST' && node === this.phoneNumberId && edge === 'media') {
      const failure = this.uploadFailures.shift();
      if (failure) return this.reply(res, failure.status, { error: failure.error });
      const form = await new Request(`${this.url}${path}`, { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: body }).formData();
      const file = form.get('file') as File | null;
      if (form.get('messaging_product') !== 'whatsapp' || !file) return this.reply(res, 400, { error: { message: '(#100) The parameter messaging_product and file are required.', code: 100 } });
      const id = `media-out-${++this.sequence}`;
      this.uploads.push({ id, name: file.name, type: String(form.get('type')), data: Buffer.from(await file.arrayBuffer()) });
      return this.reply(res, 200, { id });
    }
    const media = this.media.get(node);
    if (req.method === 'GET' && media && !edge) {
      return this.reply(res, 200, {
        messaging_product: 'whatsapp', id: node, url: `${this.url}/media-files/${node}`, mime_type: media.mimeType,
        sha256: createHash('sha256').update(media.data).digest('hex'), file_size: media.data.length,
      });
    }
    return this.unsupported(res, path);
  }

  private unsupported(res: ServerResponse, path: string): void {
    this.reply(res, 400, { error: { message: `Unsupported request - method type: get, path ${path}`, type: 'GraphMethodException', code: 100 } });
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
