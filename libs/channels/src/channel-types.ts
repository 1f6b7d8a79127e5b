import type { ChannelSettingsValidator } from '@app/platform/config';
import { validateWebchatSettings } from './webchat/webchat.config';
import { validateTelegramSettings } from './telegram/telegram.config';
import { validateWhatsappSettings } from './whatsapp/whatsapp.config';
import { validateEmailSettings } from './email/email.config';
import { validateVkSettings } from './vk/vk.config';

/** Settings validators by channel type, used at boot before anything else starts. */
export const CHANNEL_SETTINGS_VALIDATORS: Record<string, ChannelSettingsValidator> = {
  webchat: validateWebchatSettings,
  telegram: validateTelegramSettings,
  whatsapp: validateWhatsappSettings,
  email: validateEmailSettings,
  vk: validateVkSettings,
};
