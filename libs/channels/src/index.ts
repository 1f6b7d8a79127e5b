export * from './channel-adapter';
export * from './channel-registry';
export * from './channel-types';
export * from './channels.module';
export * from './webchat/webchat.adapter';
export * from './webchat/webchat-hub';
