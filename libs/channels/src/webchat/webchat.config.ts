import { field, settingsObject, settingsValidator } from '@app/platform/config';

/** The web chat has no settings of its own beyond an optional greeting shown on the page. */
export const webchatSettingsSchema = settingsObject('a webchat channel', {
  greeting: field.text(undefined, 'Hello! How can we help? / Здравствуйте! Чем помочь?'),
});

export const validateWebchatSettings = settingsValidator(webchatSettingsSchema);
