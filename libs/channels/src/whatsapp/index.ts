export * from './whatsapp.config';
export * from './whatsapp.channel';
export * from './whatsapp-cloud.adapter';
export * from './whatsapp-web.adapter';
export type { WwebChatLike, WwebClientFactory, WwebFile, WwebClientLike, WwebClientOptions, WwebMessageLike } from './whatsapp-web.client';
export { createWwebClient, CHROMIUM_ARGS } from './whatsapp-web.client';
export { linkWhatsappWeb } from './whatsapp-link';
export { hubSignature } from './cloud-signature';
