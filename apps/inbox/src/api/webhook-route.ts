import { INestApplication, Logger } from '@nestjs/common';
import type { Express, Request, Response } from 'express';
import { WebhookReceivers } from './webhook-receivers';

/** Webhook bodies are small (a Telegram update, a batch of WhatsApp statuses); a larger one is refused unread. */
const MAX_BODY_BYTES = 1024 * 1024;
/** A webhook slower than this is logged, so a slow database shows before the channel starts redelivering. */
const SLOW_MS = 1000;

/**
 * Webhooks of channels that push (Telegram in webhook mode, the WhatsApp Cloud API), mounted on the HTTP server
 * ahead of the framework's body parsers, request log, guards and pipes: the adapter verifies its own secret or
 * signature on the raw bytes, stores the update, and only then is it answered. None of the framework's layers do
 * anything for a webhook, and they cost most of its time under load (a CPU profile of 10,000 posted updates: the
 * JSON parsed twice, a request log line built per update, the router, guards and pipes).
 */
export function mountWebhookRoute(app: INestApplication): void {
  const receivers = app.get(WebhookReceivers);
  const logger = new Logger('Webhooks');
  const server: Express = app.getHttpAdapter().getInstance();
  server.all('/webhooks/:type/:channelId', (req: Request, res: Response) => {
    const started = Date.now();
    const { type, channelId } = req.params as { type: string; channelId: string };
    void receive(req, res, type, channelId)
      .catch((err: Error) => {
        logger.error(`${type} webhook of ${channelId} failed: ${err.stack ?? err.message}`);
        if (!res.headersSent) res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'the update was not stored; send it again' });
      })
      .finally(() => {
        const ms = Date.now() - started;
        if (ms >= SLOW_MS) logger.warn(`${type} webhook of ${channelId} took ${ms} ms (answered ${res.statusCode})`);
      });
  });

  async function receive(req: Request, res: Response, type: string, channelId: string): Promise<void> {
    const adapter = receivers.get(channelId);
    if (!adapter || adapter.type !== type || !adapter.handleWebhook) {
      req.resume();
      res.status(404).json({ statusCode: 404, error: 'Not Found', message: `no ${type} channel ${channelId} takes webhooks here` });
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      res.status(413).set('Connection', 'close').json({ statusCode: 413, error: 'Payload Too Large', message: `a webhook body may have at most ${MAX_BODY_BYTES} bytes` });
      return;
    }
    const rawBody = await readBody(req);
    if (!rawBody) return; // streamed past the limit without a length: the connection is dropped
    const answer = await adapter.handleWebhook({ method: req.method, headers: req.headers, query: req.query as Record<string, unknown>, rawBody });
    res.status(answer.status);
    if (answer.body === undefined) res.end();
    else if (typeof answer.body === 'string') res.type('text/plain').send(answer.body);
    else res.json(answer.body);
  }
}

/** The request's bytes, or null past the limit (leaving the loop destroys the request and its connection). */
async function readBody(req: Request): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}
