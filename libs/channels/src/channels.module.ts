import { Global, Module } from '@nestjs/common';
import { CHANNEL_ADAPTER_FACTORIES } from './channel-adapter';
import { ChannelRegistry } from './channel-registry';
import { WebchatAdapterFactory } from './webchat/webchat.adapter';
import { WebchatHub } from './webchat/webchat-hub';

@Global()
@Module({
  providers: [
    ChannelRegistry,
    WebchatHub,
    {
      provide: CHANNEL_ADAPTER_FACTORIES,
      useFactory: (hub: WebchatHub) => [new WebchatAdapterFactory(hub)],
      inject: [WebchatHub],
    },
  ],
  exports: [ChannelRegistry, WebchatHub, CHANNEL_ADAPTER_FACTORIES],
})
export class ChannelsModule {}
