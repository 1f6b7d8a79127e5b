import Bottleneck from 'bottleneck';
import type { VkSettings } from './vk.config';

/** VK allows a community token 20 API requests a second. */
export const VK_REQUESTS_PER_SECOND = 20;
/*
 * VK counts requests as they reach it, and two requests sent 50 ms apart may arrive 45 ms apart; a few
 * milliseconds of margin keep any one second at VK's end within the limit.
 */
const MIN_GAP_MS = Math.ceil(1000 / VK_REQUESTS_PER_SECOND) + 5;
const CALL_TIMEOUT_MS = 15_000;
const UPLOAD_TIMEOUT_MS = 120_000;
const DOWNLOAD_TIMEOUT_MS = 120_000;

/** An error answer of the VK API ({ error: { error_code, error_msg } }). */
export class VkApiError extends Error {
  constructor(readonly code: number, readonly description: string, readonly method: string) {
    super(`VK error ${code} in ${method}: ${description}`);
    this.name = 'VkApiError';
  }
}

/** An upload server refused a file (a type or size VK does not take). */
export class VkUploadError extends Error {
  constructor(reason: string) {
    super(`VK refused the file: ${reason}`);
    this.name = 'VkUploadError';
  }
}

/** An answer of the Bots Long Poll server: events and the next ts, or `failed` (1, 2, 3) as VK documents it. */
export interface LongPollAnswer {
  ts?: string | number;
  updates?: unknown[];
  failed?: number;
}

export interface LongPollServer {
  server: string;
  key: string;
  ts: string | number;
}

type Params = Record<string, string | number | undefined>;

/**
 * The one way this channel talks to VK: API methods as form posts (as VK's own SDKs send them), the Bots Long Poll
 * server, and file downloads. Every method call of one community passes one limiter of 20 requests a second.
 * Plain HTTP rather than vk-io: vk-io loads node-fetch 3 with a dynamic ESM import, which the CommonJS test
 * runner cannot load, and its own queue and retries would stand between the adapter and VK's error codes.
 */
export class VkApi {
  private readonly limiter: Bottleneck;

  constructor(private readonly settings: Pick<VkSettings, 'token' | 'apiBaseUrl' | 'apiVersion'>, channelId: string, private readonly stopping: AbortSignal) {
    this.limiter = new Bottleneck({ id: `vk:${channelId}`, minTime: MIN_GAP_MS, maxConcurrent: null });
  }

  /** Calls an API method; resolves with `response`, rejects with VkApiError for VK's errors and Error for the network's. */
  async call<T>(method: string, params: Params): Promise<T> {
    const body = new URLSearchParams({ access_token: this.settings.token, v: this.settings.apiVersion });
    for (const [key, value] of Object.entries(params)) if (value !== undefined) body.set(key, String(value));
    const answer = await this.limiter.schedule(() => this.fetchJson(`${this.settings.apiBaseUrl}/${method}`, { method: 'POST', body }, CALL_TIMEOUT_MS));
    const error = (answer as { error?: { error_code?: unknown; error_msg?: unknown } }).error;
    if (error) throw new VkApiError(Number(error.error_code), String(error.error_msg ?? 'no message'), method);
    if (!('response' in (answer as object))) throw new Error(`VK answered ${method} without a response`);
    return (answer as { response: T }).response;
  }

  /** One long poll request; waits up to `waitSeconds` for events. */
  async poll(server: LongPollServer, ts: string, waitSeconds: number): Promise<LongPollAnswer> {
    const url = new URL(/^https?:\/\//.test(server.server) ? server.server : `https://${server.server}`);
    url.search = new URLSearchParams({ act: 'a_check', key: server.key, ts, wait: String(waitSeconds) }).toString();
    return (await this.fetchJson(url.toString(), { method: 'GET' }, (waitSeconds + 10) * 1000)) as LongPollAnswer;
  }

  /** Starts a file download; the caller reads (or cancels) the body. */
  async download(url: string): Promise<Response> {
    // The timeout covers reading the body too: a stalled download must not hold the channel's events back for ever.
    const response = await fetch(url, { signal: AbortSignal.any([this.stopping, AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS)]) });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`file download failed: HTTP ${response.status}`);
    }
    return response;
  }

  /** Posts one file to an upload server VK handed out (multipart, as VK's upload servers take it); returns its JSON. */
  async upload(uploadUrl: string, field: string, file: { name: string; contentType: string; data: Buffer }): Promise<Record<string, unknown>> {
    const form = new FormData();
    form.set(field, new Blob([file.data], { type: file.contentType }), file.name);
    const answer = (await this.fetchJson(uploadUrl, { method: 'POST', body: form }, UPLOAD_TIMEOUT_MS)) as Record<string, unknown>;
    // Upload servers report a refused file as { error: "…" } in their own shape, not the API's.
    if (typeof answer.error === 'string') throw new VkUploadError(String(answer.error_descr ?? answer.error));
    return answer;
  }

  /** Drops the calls still waiting for their slot. */
  async stop(): Promise<void> {
    await this.limiter.stop({ dropWaitingJobs: true, dropErrorMessage: 'the channel is stopping' });
  }

  private async fetchJson(url: string, init: RequestInit, timeoutMs: number): Promise<unknown> {
    const response = await fetch(url, { ...init, signal: AbortSignal.any([this.stopping, AbortSignal.timeout(timeoutMs)]) });
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`VK answered HTTP ${response.status} with ${text.length ? 'a body that is not JSON' : 'an empty body'}`);
    }
  }
}
