import { ChannelAdapter, ChannelHealth, OutboundMessage, SendResult } from '../channel-adapter';
import { WebchatHub } from './webchat-hub';
import { drawnChoices } from '@app/platform/contracts/choices.util';

/**
 * The built-in web chat, so the product works with no outside account. Inbound arrives over HTTP
 * (POST /webchat/messages); a reply is "sent" when it is handed to the visitor's page, and "delivered"
 * when the page was connected to receive it.
 */
export class WebchatAdapter implements ChannelAdapter {
  readonly type = 'webchat';
  private state: ChannelHealth = { state: 'connecting', since: new Date() };

  constructor(readonly channelId: string, private readonly hub: WebchatHub) {}

  async start(): Promise<void> {
    this.state = { state: 'ready', since: new Date() };
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    // Buttons only: a typed choice (the survey's comment) is read from the next message, never drawn.
    const choices = message.choices ? drawnChoices(message.choices) : null;
    const delivered = await this.hub.deliver(this.channelId, message.to.externalId, {
      messageId: message.messageId,
      conversationId: message.conversationId,
      text: message.text,
      createdAt: new Date().toISOString(),
      // The token is never in a URL: the widget fetches these with it in a header.
      attachments: (message.attachments ?? []).filter((f) => f.storageKey).map((f) => ({ name: f.name, url: `/webchat/attachments/${f.storageKey}` })),
      automatic: message.automatic,
      choices: choices?.length ? choices : null,
    });
    return { externalId: `out-${message.messageId}`, status: delivered ? 'delivered' : 'sent' };
  }

  async stop(): Promise<void> {
    this.state = { state: 'stopped', since: new Date() };
  }

  health(): ChannelHealth {
    return this.state;
  }
}
