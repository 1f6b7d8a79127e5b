import { SendError } from '../channel-adapter';
import { describeGraphError } from './cloud-payload';
import { reasonOf } from './inbound-content';

const TIMEOUT_MS = 30_000;
/** Graph error codes that mean "slow down": throughput, spam rate, pair rate limits. */
const RATE_LIMIT_CODES = new Set([4, 80007, 130429, 131048, 131056]);
/** Re-engagement: more than 24 hours since the customer's last message, only a template may be sent. */
export const WINDOW_CLOSED_CODE = 131047;

/** A Graph API answer other than 2xx, or no answer at all (status 0). */
export class GraphApiError extends Error {
  constructor(message: string, readonly status: number, readonly code: number | null) {
    super(message);
    this.name = 'GraphApiError';
  }

  /** Graph's "(#10) / (#200) permission" errors: the token works but may not do this. */
  get lacksPermission(): boolean {
    return this.status === 403 || this.code === 10 || this.code === 200;
  }

  /** 4xx other than rate limits: asking again will not help. */
  get permanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429 && !RATE_LIMIT_CODES.has(this.code ?? -1);
  }
}

export interface MediaLocation {
  url: string;
  mimeType: string | null;
  size: number | null;
}

/** The few Graph API calls the Cloud adapter makes, with the access token, against a configurable root. */
export class GraphApi {
  constructor(private readonly apiRoot: string, private readonly accessToken: string, private readonly fetchImpl: typeof fetch = fetch) {}

  /** The phone number's public details: proves the token and the number id are right. */
  async phoneNumber(phoneNumberId: string): Promise<{ display_phone_number?: string; verified_name?: string }> {
    return this.json('GET', `/${encodeURIComponent(phoneNumberId)}`);
  }

  /** Sends a free-form text; returns the new message's id (wamid…). */
  async sendText(phoneNumberId: string, to: string, body: string): Promise<string> {
    return this.sendMessage(phoneNumberId, { to, type: 'text', text: { body, preview_url: false } });
  }

  /** An interactive message (reply buttons or a list); its presses come back as `interactive` webhooks. */
  async sendInteractive(phoneNumberId: string, to: string, interactive: Record<string, unknown>): Promise<string> {
    return this.sendMessage(phoneNumberId, { to, type: 'interactive', interactive });
  }

  private async sendMessage(phoneNumberId: string, message: Record<string, unknown>): Promise<string> {
    const answer = await this.json<{ messages?: { id?: string }[] }>('POST', `/${encodeURIComponent(phoneNumberId)}/messages`, {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      ...message,
    });
    const id = answer.messages?.[0]?.id;
    if (!id) throw new GraphApiError('the Graph API accepted the message but returned no message id', 200, null);
    return id;
  }

  /** Uploads a file to send; returns its media id. */
  async upload(phoneNumberId: string, file: { name: string; contentType: string; data: Buffer }): Promise<string> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', file.contentType);
    form.append('file', new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.name);
    const answer = await this.json<{ id?: string }>('POST', `/${encodeURIComponent(phoneNumberId)}/media`, form);
    if (!answer.id) throw new GraphApiError('the Graph API accepted the file but returned no media id', 200, null);
    return answer.id;
  }

  /** Sends an uploaded file as a photo, a voice message or a document; returns the new message's id. */
  async sendMedia(phoneNumberId: string, to: string, media: { kind: 'image' | 'document' | 'voice'; id: string; filename: string }): Promise<string> {
    const type = media.kind === 'voice' ? 'audio' : media.kind;
    const object = media.kind === 'document' ? { id: media.id, filename: media.filename } : { id: media.id };
    return this.sendMessage(phoneNumberId, { to, type, [type]: object });
  }

  /** Where a received file can be downloaded (the URL needs the token too and expires after minutes). */
  async media(mediaId: string): Promise<MediaLocation> {
    const info = await this.json<{ url?: string; mime_type?: string; file_size?: number | string }>('GET', `/${encodeURIComponent(mediaId)}`);
    if (!info.url) throw new GraphApiError(`the Graph API returned no URL for media ${mediaId}`, 200, null);
    const size = Number(info.file_size);
    return { url: info.url, mimeType: info.mime_type ?? null, size: Number.isFinite(size) && size > 0 ? size : null };
  }

  async download(url: string): Promise<Buffer> {
    const response = await this.call('GET', url);
    return Buffer.from(await response.arrayBuffer());
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.call(method, `${this.apiRoot}${path}`, body);
    return (await response.json()) as T;
  }

  private async call(method: string, url: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        // A form sets its own multipart Content-Type with the boundary.
        headers: { Authorization: `Bearer ${this.accessToken}`, ...(body === undefined || body instanceof FormData ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new GraphApiError(`the Graph API could not be reached: ${reasonOf((err as Error)?.cause ?? err)}`, 0, null);
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    let error: Record<string, unknown> = {};
    try {
      error = (JSON.parse(text) as { error?: Record<string, unknown> }).error ?? {};
    } catch { /* not JSON */ }
    const code = Number(error.code);
    const message = Object.keys(error).length ? describeGraphError(error) : text.slice(0, 200) || response.statusText;
    throw new GraphApiError(`Graph API ${response.status}: ${message}`, response.status, Number.isFinite(code) ? code : null);
  }
}

/** A failed send as the outbox understands it: permanent refusals end at once, rate limits wait. */
export function sendErrorOf(err: unknown, windowRefusal: () => string): SendError {
  if (!(err instanceof GraphApiError)) return new SendError(reasonOf(err));
  if (err.code === WINDOW_CLOSED_CODE) return new SendError(windowRefusal(), { permanent: true });
  if (!err.permanent) return new SendError(err.message, err.status === 429 || RATE_LIMIT_CODES.has(err.code ?? -1) ? { retryAfterMs: 60_000 } : {});
  return new SendError(err.message, { permanent: true });
}
