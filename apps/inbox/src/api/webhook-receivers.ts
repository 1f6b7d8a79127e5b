import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ChannelAdapter, ChannelRegistry } from '@app/channels';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { ChannelContexts } from '../channel-contexts';

/**
 * The API's own receivers for channels that are pushed to (Telegram in webhook mode, the WhatsApp Cloud API).
 * Verifying a webhook and storing its messages needs no live connection, so every API process answers them,
 * whichever worker holds the channel; registering the webhook and sending stay with that worker.
 */
@Injectable()
export class WebhookReceivers implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookReceivers.name);
  private readonly receivers = new Map<string, ChannelAdapter>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ChannelRegistry,
    private readonly contexts: ChannelContexts,
  ) {}

  onApplicationBootstrap(): void {
    for (const channel of this.config.channels.filter((c) => c.enabled)) {
      let adapter: ChannelAdapter;
      try {
        adapter = this.contexts.build(channel);
      } catch (err) {
        this.logger.warn(`channel ${channel.id}: no webhook receiver (${(err as Error).message})`);
        continue;
      }
      if (!adapter.handleWebhook || !adapter.receiveWebhooks) continue;
      adapter.receiveWebhooks(this.contexts.contextFor(channel));
      this.receivers.set(channel.id, adapter);
    }
  }

  /** The adapter that answers this channel's webhooks here: the live one if this process holds it, else the receiver. */
  get(channelId: string): ChannelAdapter | undefined {
    return this.registry.get(channelId) ?? this.receivers.get(channelId);
  }
}
