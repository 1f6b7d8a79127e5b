import { HttpStatus, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { jsonDepthExceeds } from './api/json-depth.util';

/** Deeper JSON than any payload we accept (webhooks nest about 8 levels); deeper documents only cost CPU in validation. */
export const MAX_JSON_DEPTH = 32;

// Channels' webhooks take whatever their platform sends; multipart only where files are uploaded.
const OWN_FORMAT_PREFIX = '/webhooks/';
const MULTIPART_ROUTES = new Set(['POST /api/attachments', 'POST /webchat/uploads']);
// These answers come before the request logger; one warn line each, like any other 4xx, never a stack trace.
const logger = new Logger('HttpBody');

/** nosniff on every response; nothing under /api is kept by a browser or proxy cache. */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.path === '/api' || req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * A request body must be JSON (multipart for uploads): a form post from a third-party page must not become a
 * web chat message, and a wrong type is named in a 415 instead of a 400 listing every field as missing.
 */
export function requireJsonBodies(req: Request, res: Response, next: NextFunction): void {
  if (!hasBody(req) || req.path.startsWith(OWN_FORMAT_PREFIX)) return next();
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (/^application\/([\w.-]+\+)?json$/.test(type)) return next();
  if (type === 'multipart/form-data' && MULTIPART_ROUTES.has(`${req.method} ${req.path.replace(/\/$/, '')}`)) return next();
  sendError(req, res, HttpStatus.UNSUPPORTED_MEDIA_TYPE, `Content-Type ${type ? `"${type}"` : '(none)'} is not accepted here: send application/json`);
}

/** A parsed JSON body nested deeper than MAX_JSON_DEPTH is refused before validation walks it. */
export function limitJsonDepth(req: Request, res: Response, next: NextFunction): void {
  if (req.body && typeof req.body === 'object' && jsonDepthExceeds(req.body, MAX_JSON_DEPTH)) {
    sendError(req, res, HttpStatus.BAD_REQUEST, `the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    return;
  }
  next();
}

/**
 * The body parser's own failures (malformed JSON, too large, unknown charset) answered as JSON with their 4xx,
 * instead of Express's HTML page and a stack trace on stderr for each one.
 */
export function bodyParserErrors(err: { status?: number; statusCode?: number; expose?: boolean; message?: string }, req: Request, res: Response, next: NextFunction): void {
  const status = err.status ?? err.statusCode;
  if (!status || status < 400 || status >= 500) return next(err);
  sendError(req, res, status, err.expose !== false && err.message ? err.message : HttpStatus[status]);
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

function sendError(req: Request, res: Response, status: number, message: string): void {
  logger.warn(`${req.method} ${req.originalUrl} ${status}: ${message}`);
  const error = (HttpStatus[status] ?? 'Error').toLowerCase().split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
  res.status(status).json({ statusCode: status, error, message });
}
