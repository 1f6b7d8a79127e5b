import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { webchatSettingsOf } from '@app/channels';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { isAllowedOrigin, ownOriginOf } from './webchat-origin.util';

/**
 * CORS for the web chat routes. A page on a site listed in some web chat channel's `allowedOrigins` (or the
 * inbox's own) may call them; which channel it may use is checked per request by the routes (403). A page on any
 * other site is answered 403 here, before any route runs, with just enough CORS for the widget to read that it
 * was refused (instead of retrying what looks like a network failure forever). Preflights are answered for any
 * page for the same reason: they carry no token and do nothing.
 */
@Injectable()
export class WebchatCorsMiddleware implements NestMiddleware {
  private readonly origins: string[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.origins = config.channels.filter((c) => c.type === 'webchat' && c.enabled).flatMap((c) => webchatSettingsOf(c).allowedOrigins);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const origin = req.headers.origin;
    res.setHeader('Vary', 'Origin');
    if (origin === undefined) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Visitor-Token');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    if (isAllowedOrigin(origin, ownOriginOf(req.protocol, req.headers.host), this.origins)) return next();
    res.status(403).json({ statusCode: 403, error: 'Forbidden', message: `the web chat may not be used from ${origin}; add it to the channel's allowedOrigins` });
  }
}
