import type { ChannelSettingsValidator } from '@app/platform/config';

/** The web chat has no settings of its own beyond an optional greeting shown on the page. */
export const validateWebchatSettings: ChannelSettingsValidator = (settings, path, reader) => ({
  greeting: reader.string(settings, 'greeting', path, 'Hello! How can we help? / Здравствуйте! Чем помочь?'),
});
