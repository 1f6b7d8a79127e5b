import type { ChannelSettingsValidator } from '@app/platform/config';
import { validateWebchatSettings } from './webchat/webchat.config';

/** Settings validators by channel type, used at boot before anything else starts. */
export const CHANNEL_SETTINGS_VALIDATORS: Record<string, ChannelSettingsValidator> = {
  webchat: validateWebchatSettings,
};
