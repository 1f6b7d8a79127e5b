import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Express, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@app/platform/config';
import { RedisConnections } from '@app/platform/redis/redis-connections';
import { createValidationPipe } from './api/validation.pipe';
import { mountWebhookRoute } from './api/webhook-route';
import { RedisIoAdapter } from './redis-io.adapter';
import { bodyParserErrors, limitJsonDepth, requireJsonBodies, securityHeaders } from './http-hardening';

/** Everything main.ts and the tests both apply to a created app, so tests run the server as shipped. */
export function configureApp(app: INestApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  hardenHttp(app as NestExpressApplication, config);
  app.useGlobalPipes(createValidationPipe());
  app.useWebSocketAdapter(config.redis ? new RedisIoAdapter(app, app.get(RedisConnections)) : new IoAdapter(app));
  app.enableShutdownHooks();
  if (config.role !== 'worker' && config.http.docsPublic) {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder()
      .setTitle('Support Inbox API')
      .setDescription('One inbox for Telegram, WhatsApp, e-mail and web chat. Every /api route needs `Authorization: Bearer <token>`, '
        + 'an opaque `sit_…` API token (from POST /api/agents or the CLI), or INBOX_ADMIN_TOKEN; or the browser session cookie of '
        + 'POST /api/session, with the X-CSRF-Token header on writes.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'sit_… (opaque API token)' })
      .build());
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }
  if (config.role !== 'worker') serveWebInbox(app as NestExpressApplication);
  return app;
}

/**
 * Express settings and middleware that run before any route: the proxy setting, headers on every answer, and
 * bodies checked (type, then JSON with a depth limit) so no malformed body reaches a handler or a 500.
 */
function hardenHttp(app: NestExpressApplication, config: AppConfig): void {
  const server: Express = app.getHttpAdapter().getInstance();
  server.disable('x-powered-by');
  server.set('trust proxy', config.http.trustProxy);
  app.use(securityHeaders);
  // Webhooks read and verify their own raw bytes: mounted ahead of the body checks and parsers below.
  if (config.role !== 'worker') mountWebhookRoute(app);
  app.use(requireJsonBodies);
  app.useBodyParser('json');
  app.use(limitJsonDepth);
  app.use(bodyParserErrors);
}

// The agents' front end, built by `npm run build:web` into dist/web: seen from dist/apps/inbox/src or from apps/inbox/src.
const WEB_DIRS = [join(__dirname, '..', '..', '..', 'web'), join(__dirname, '..', '..', '..', 'dist', 'web')];
// Customer content (e-mail HTML in a sandboxed frame, images as blobs) can load nothing from elsewhere and run no script.
const WEB_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src blob: data:; "
  + "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The web inbox's own pages (its client-side routes): each answers with the app's index.html. */
const WEB_PAGES = ['/', '/board', '/queue', '/reports', '/channels', '/agents', '/teams', '/labels', '/canned-replies', '/incidents', '/feature-requests', '/reviews'] as const;

/** Serves the web inbox at its pages (WEB_PAGES) and its files at /assets; a missing build answers with what to run. */
function serveWebInbox(app: NestExpressApplication): void {
  for (const dir of WEB_DIRS) app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '1y', index: false });
  const page = (_req: unknown, res: Response): void => {
    const dir = WEB_DIRS.find((d) => existsSync(join(d, 'index.html')));
    res.setHeader('Cache-Control', 'no-cache');
    if (!dir) {
      res.status(503).type('text/plain; charset=utf-8')
        .send('The web inbox is not built. Run `npm run build` (or `npm run build:web`) and reload this page.\n'
          + 'Веб-интерфейс не собран: выполните `npm run build` и обновите страницу.\n');
      return;
    }
    res.setHeader('Content-Security-Policy', WEB_CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.sendFile(join(dir, 'index.html'));
  };
  const server: Express = app.getHttpAdapter().getInstance();
  server.get([...WEB_PAGES], page);
}
