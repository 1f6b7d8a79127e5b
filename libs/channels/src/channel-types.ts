import { ChannelTypeCatalog } from './channel-type';
import { emailChannel } from './email/email.channel';
import { telegramChannel } from './telegram/telegram.channel';
import { vkChannel } from './vk/vk.channel';
import { webchatChannel } from './webchat/webchat.channel';
import { whatsappChannelType } from './whatsapp/whatsapp.channel';

/**
 * Every channel type of this build, one line each. Config validation, the SLA defaults, the API's capabilities
 * and the web inbox's badges all read this list; nothing else names a type.
 */
export const BUILTIN_CHANNEL_TYPES = new ChannelTypeCatalog([
  webchatChannel,
  telegramChannel,
  whatsappChannelType(),
  emailChannel,
  vkChannel,
]);
