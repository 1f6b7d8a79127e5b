import { All, Controller, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Request, Response } from 'express';
import { Public } from '@app/agents';
import { WebhookReceivers } from './webhook-receivers';

/**
 * Webhooks of channels that push (Telegram in webhook mode, the WhatsApp Cloud API). No API token:
 * each adapter verifies its own secret or signature, stores the update, and only then answers.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly receivers: WebhookReceivers) {}

  @All(':type/:channelId')
  async receive(@Param('type') type: string, @Param('channelId') channelId: string, @Req() req: Request & { rawBody?: Buffer }, @Res() res: Response) {
    const adapter = this.receivers.get(channelId);
    if (!adapter || adapter.type !== type || !adapter.handleWebhook) throw new NotFoundException(`no ${type} channel ${channelId} takes webhooks here`);
    const answer = await adapter.handleWebhook({
      method: req.method,
      headers: req.headers,
      query: req.query as Record<string, unknown>,
      rawBody: req.rawBody ?? Buffer.alloc(0),
    });
    res.status(answer.status);
    if (answer.body === undefined) res.end();
    else if (typeof answer.body === 'string') res.type('text/plain').send(answer.body);
    else res.json(answer.body);
  }
}
