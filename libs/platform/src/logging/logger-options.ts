import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { startTime } from 'pino-http';
import { AppConfig } from '../config/app-config';
import { requestLogLevel } from './request-log-level.util';

const elapsedMs = (res: ServerResponse) => Date.now() - ((res as unknown as Record<symbol, number>)[startTime] ?? Date.now());

/**
 * Logging: readable lines on a terminal (pino-pretty when stdout is a TTY), one JSON object a line otherwise
 * (for journald, Docker and log shippers). A request gets a line only when it failed, was slow, or at debug;
 * a client error is one warn line with its message, never a stack trace.
 */
export function loggerOptions(config: AppConfig, stdoutIsTty = Boolean(process.stdout.isTTY)): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      transport: stdoutIsTty
        ? { target: 'pino-pretty', options: { colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,req,res,responseTime,context', messageFormat: '{if context}[{context}] {end}{msg}' } }
        : undefined,
      redact: ['req.headers.authorization', 'req.headers["x-telegram-bot-api-secret-token"]'],
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      customLogLevel: (_req, res, err) => requestLogLevel(res.statusCode, Boolean(err), elapsedMs(res)),
      customSuccessMessage: (req, res, ms) => `${req.method} ${req.url} ${res.statusCode} ${ms} ms`,
      customErrorMessage: (req, res, err) => `${req.method} ${req.url} ${res.statusCode}: ${err.message}`,
      // A 4xx is the client's mistake: its message is enough, a stack trace would only let anyone flood the log.
      customErrorObject: (_req, res, err, value) => (res.statusCode < 500 ? { ...value, err: { type: err.name, message: err.message } } : value),
    },
  };
}
