import { Global, Module } from '@nestjs/common';
import { CHANNEL_ADAPTER_FACTORIES } from './channel-adapter';
import { ChannelRegistry } from './channel-registry';
import { EmailAdapterFactory } from './email/email.adapter';
import { TelegramAdapterFactory } from './telegram/telegram.adapter';
import { WebchatAdapterFactory } from './webchat/webchat.adapter';
import { WebchatHub } from './webchat/webchat-hub';
import { WhatsappAdapterFactory } from './whatsapp/whatsapp.factory';
import { VkAdapterFactory } from './vk/vk.adapter';

@Global()
@Module({
  providers: [
    ChannelRegistry,
    WebchatHub,
    {
      provide: CHANNEL_ADAPTER_FACTORIES,
      useFactory: (hub: WebchatHub) => [new WebchatAdapterFactory(hub), new TelegramAdapterFactory(), new WhatsappAdapterFactory(), new EmailAdapterFactory(), new VkAdapterFactory()],
      inject: [WebchatHub],
    },
  ],
  exports: [ChannelRegistry, WebchatHub, CHANNEL_ADAPTER_FACTORIES],
})
export class ChannelsModule {}
