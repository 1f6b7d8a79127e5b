import { Injectable } from '@nestjs/common';
import { ReplyCheck } from '@app/insights';
import { WebhookReceivers } from './webhook-receivers';

/**
 * Asks each conversation's channel, through its adapter's `checkReply`, whether a free-form message may go out now
 * (WhatsApp's 24-hour window); channels without the check always may. The same question the reply route asks.
 */
@Injectable()
export class ChannelReplyCheck {
  constructor(private readonly receivers: WebhookReceivers) {}

  readonly check: ReplyCheck = async (conversation, recipient) => {
    const adapter = this.receivers.get(conversation.channelId);
    return adapter?.checkReply ? adapter.checkReply({ externalId: recipient.externalId }) : null;
  };
}
