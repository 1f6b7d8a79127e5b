import { Controller, Get, Inject, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@app/agents';
import { ContactIdentity, Conversation, InboundQuarantine, Message } from '@app/conversations';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { drawnChoices } from '@app/platform/contracts/choices.util';
import { choiceLinkKey } from '../choice-link-key';
import { verifyChoiceToken } from '../choice-links.util';
import { PublicThrottlerGuard, VISITOR_LIMIT, WEBCHAT_ADDRESS_LIMIT } from './rate-limits';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;text-align:center;color:#222}.face{font-size:4rem}</style></head>
<body>${body}</body></html>`;
}

/**
 * The page a one-click choice link opens (e-mail's survey faces): the signed token names the message and the choice;
 * opening it stores the press like a button press in a chat (once per link), and thanks the customer.
 */
@ApiTags('webchat')
@Public()
@UseGuards(PublicThrottlerGuard)
@SkipThrottle({ [VISITOR_LIMIT]: true, [WEBCHAT_ADDRESS_LIMIT]: true })
@Controller('choices')
export class ChoiceLinksController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly db: DataSource, private readonly inbound: InboundQuarantine) {}

  @Get(':token')
  @ApiOperation({ summary: 'A one-click answer from a mail (a survey face): stores the choice in its conversation and shows a thank-you page' })
  async press(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    const named = verifyChoiceToken(choiceLinkKey(this.config.dataDir), token);
    const offer = named ? await this.db.getRepository(Message).findOneBy({ id: named.messageId, direction: 'out' }) : null;
    const choice = offer && drawnChoices(offer.choices ?? []).find((c) => c.id === named!.choiceId);
    if (!offer || !choice) {
      res.status(404).type('html').send(page('Link not valid', '<h1>Ссылка недействительна</h1><p>This link is not valid.</p>'));
      return;
    }
    // A HEAD (a mail scanner checking the link) shows the page without answering.
    if (req.method === 'GET') {
      const conversation = await this.db.getRepository(Conversation).findOneByOrFail({ id: offer.conversationId });
      const identity = await this.db.getRepository(ContactIdentity).findOneByOrFail({ id: conversation.identityId });
      await this.inbound.receive({
        channelId: offer.channelId,
        externalId: `link:${offer.id}:${choice.id}`,
        sender: { externalId: identity.externalId },
        text: choice.label,
        choice: { id: choice.id, messageId: offer.id },
        meta: { via: 'choice link' },
      });
    }
    res.type('html').send(page('Спасибо / Thank you', `<div class="face">${escape(choice.label)}</div><h1>Спасибо за ответ!</h1><p>Thank you for your answer.</p>
<p>Если хотите что-то добавить, просто ответьте на письмо. / To add a comment, reply to the e-mail.</p>`));
  }
}
