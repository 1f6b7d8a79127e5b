import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TemplateError, templateService } from '@app/platform/templates';
import { Channel, Contact, ContactIdentity, Conversation } from '../entities';
import { InvalidRequestError, NotFoundError } from '../errors';
import { CANNED_REPLY_VARIABLES } from './canned-replies.service';

/** How a moment reads to this conversation's customer, in `ru` or `en` (the SLA policy's zone lives in libs/sla). */
export type MomentFormatter = (at: Date, channelId: string, lang: 'ru' | 'en') => string;

/** What the agent will send: a canned reply's body rendered for one conversation, before it goes out. */
@Injectable()
export class CannedReplyRenderer {
  constructor(private readonly db: DataSource) {}

  async render(body: string, conversationId: number, agent: { name: string }, formatMoment: MomentFormatter): Promise<string> {
    const conversation = await this.db.getRepository(Conversation).findOneBy({ id: conversationId });
    if (!conversation) throw new NotFoundError('conversation', conversationId);
    const [contact, channel, identities] = await Promise.all([
      this.db.getRepository(Contact).findOneBy({ id: conversation.contactId }),
      this.db.getRepository(Channel).findOneBy({ id: conversation.channelId }),
      this.db.getRepository(ContactIdentity).findBy({ contactId: conversation.contactId }),
    ]);
    // A contact nobody named carries its channel address as its name (a chat id, a visitor id): that is no name to greet.
    const unnamed = !contact?.name || identities.some((i) => i.externalId === contact.name);
    const lang = /[а-яё]/i.test(body) ? 'ru' : 'en';
    const values: Record<(typeof CANNED_REPLY_VARIABLES)[number], Record<string, unknown>> = {
      contact: { id: contact?.id ?? null, name: unnamed ? null : contact!.name },
      agent: { name: agent.name },
      conversation: {
        id: conversation.id,
        subject: conversation.subject,
        status: conversation.status,
        dueAt: conversation.dueAt ? formatMoment(conversation.dueAt, conversation.channelId, lang) : null,
      },
      channel: { id: channel?.id ?? conversation.channelId, name: channel?.name ?? conversation.channelId, type: channel?.type ?? null },
    };
    try {
      templateService.check(body, CANNED_REPLY_VARIABLES);
      return templateService.render(body, values);
    } catch (err) {
      if (err instanceof TemplateError) throw new InvalidRequestError('body', err.message);
      throw err;
    }
  }
}
