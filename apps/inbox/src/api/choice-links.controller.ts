import { Controller, Get, HttpCode, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@app/agents';
import { ContactIdentity, Conversation, InboundQuarantine, Message } from '@app/conversations';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import type { Choice } from '@app/platform/contracts/choices';
import { drawnChoices } from '@app/platform/contracts/choices.util';
import { choiceLinkKey } from '../choice-link-key';
import { verifyChoiceToken } from '../choice-links.util';
import { inlineHashes } from './page-csp.util';
import { PublicThrottlerGuard, VISITOR_LIMIT, WEBCHAT_ADDRESS_LIMIT } from './rate-limits';

/** The pages' own inline style, and their form posting back to this address only. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;text-align:center;color:#222}.face{font-size:4rem}</style></head>
<body>${body}</body></html>`;
}

/** Presses the page's one button as soon as it loads: one click for the customer; a scanner runs no script (progressive enhancement). */
const SUBMIT_SCRIPT = 'document.forms[0].submit()';

/** The answer a link names, shown before it is recorded. The form has no fields: its POST has no body to refuse (JSON-only bodies). */
const choicePage = (label: string) => page('Ваш ответ / Your answer', `<div class="face">${escape(label)}</div>
<form method="post" action=""><button type="submit">Отправить ответ / Send my answer</button></form>
<script>${SUBMIT_SCRIPT}</script>`);

const thanksPage = (label: string) => page('Спасибо / Thank you', `<div class="face">${escape(label)}</div><h1>Спасибо за ответ!</h1><p>Thank you for your answer.</p>
<p>Если хотите что-то добавить, просто ответьте на письмо. / To add a comment, reply to the e-mail.</p>`);

/**
 * The page a one-click choice link opens (e-mail's survey faces). The signed token names the message and the choice
 * (unguessable, so no other check is needed for the POST). Opening the link (GET, or a scanner's HEAD) only shows
 * the choice with a button: mail scanners open every link of a mail, and must not answer for the customer. The
 * button (pressed by the page's script at once where scripts run) POSTs to the same address, which stores the
 * press like a button press in a chat (once per link) and thanks the customer.
 */
@ApiTags('webchat')
@Public()
@UseGuards(PublicThrottlerGuard)
@SkipThrottle({ [VISITOR_LIMIT]: true, [WEBCHAT_ADDRESS_LIMIT]: true })
@Controller('choices')
export class ChoiceLinksController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly db: DataSource, private readonly inbound: InboundQuarantine) {}

  @Get(':token')
  @ApiOperation({ summary: 'A one-click answer from a mail (a survey face): shows the choice with a button that sends it; records nothing' })
  async show(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const html = await this.answer(token, res, (choice) => choicePage(choice.label));
    if (html) res.setHeader('Content-Security-Policy', `${PAGE_CSP}; script-src ${inlineHashes(html, 'script').join(' ')}`).type('html').send(html);
  }

  @Post(':token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sends the answer a mail link names: stores the choice in its conversation (once per link) and shows a thank-you page' })
  async press(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const html = await this.answer(token, res, (choice, offer) => this.record(offer, choice).then(() => thanksPage(choice.label)));
    if (html) res.setHeader('Content-Security-Policy', PAGE_CSP).type('html').send(html);
  }

  /** The page for a valid token, or a 404 page sent here (null). */
  private async answer(token: string, res: Response, pageFor: (choice: Choice, offer: Message) => string | Promise<string>): Promise<string | null> {
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    const named = verifyChoiceToken(choiceLinkKey(this.config.dataDir), token);
    const offer = named ? await this.db.getRepository(Message).findOneBy({ id: named.messageId, direction: 'out' }) : null;
    const choice = offer && drawnChoices(offer.choices ?? []).find((c) => c.id === named!.choiceId);
    if (!offer || !choice) {
      res.setHeader('Content-Security-Policy', PAGE_CSP);
      res.status(404).type('html').send(page('Link not valid', '<h1>Ссылка недействительна</h1><p>This link is not valid.</p>'));
      return null;
    }
    return pageFor(choice, offer);
  }

  private async record(offer: Message, choice: Choice): Promise<void> {
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
}
