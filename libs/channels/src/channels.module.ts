import { Global, Module } from '@nestjs/common';
import { ChannelRegistry } from './channel-registry';
import { ChannelTypeCatalog } from './channel-type';
import { BUILTIN_CHANNEL_TYPES } from './channel-types';
import { WebchatHub } from './webchat/webchat-hub';

@Global()
@Module({
  providers: [
    ChannelRegistry,
    WebchatHub,
    // Tests replace it (with the same catalog given to the config loader) to plug in a peer of their own.
    { provide: ChannelTypeCatalog, useValue: BUILTIN_CHANNEL_TYPES },
  ],
  exports: [ChannelRegistry, WebchatHub, ChannelTypeCatalog],
})
export class ChannelsModule {}
