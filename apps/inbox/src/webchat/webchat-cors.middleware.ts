import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { webchatSettingsOf } from '@app/channels';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { isAllowedOrigin, ownOriginOf } from './webchat-origin.util';

/**
 * CORS for the web chat routes: a site listed in some web chat channel's `allowedOrigins` may call them from the
 * browser (the token header makes every call preflighted). Which channel a site may use is checked per request
 * (403), since a preflight carries no token; any other site gets no CORS headers, so its page cannot read a thing.
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
    const allowed = origin !== undefined && isAllowedOrigin(origin, ownOriginOf(req.protocol, req.headers.host), this.origins);
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    }
    if (req.method !== 'OPTIONS') return next();
    if (allowed) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Visitor-Token');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(allowed ? 204 : 403).end();
  }
}
