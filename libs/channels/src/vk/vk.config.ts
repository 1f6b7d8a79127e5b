import { z } from 'zod';
import { ChannelConfig, field, settingsObject, settingsValidator } from '@app/platform/config';

export type VkMode = 'longpoll' | 'callback';

/** What each key must hold, in the words a config error shows (`channels[2].groupId: expected …`). */
const EXPECTED = {
  token: 'a community access token with the "messages" right (Manage → API usage → Access tokens)',
  groupId: 'the community id, a positive whole number (Manage → API usage → Bots Long Poll API shows it)',
  confirmationCode: 'the string VK asks the server to return (Manage → API usage → Callback API; required in callback mode)',
  secret: 'the secret key of the Callback API server, 1–50 letters and digits (required in callback mode)',
  apiBaseUrl: 'an http(s) URL of the VK API such as https://api.vk.com/method',
  apiVersion: 'a VK API version such as 5.199',
  pollWaitSeconds: 'a whole number of seconds from 1 to 90',
} as const;

// Values that must never appear in a log or an error message.
const HIDDEN = ['token', 'secret', 'confirmationCode'];

/** A vk channel's settings; unknown keys are errors, so a typo (`tokn:`) is not silently ignored. */
export const vkSettingsSchema = settingsObject('a vk channel', {
  token: field.text(EXPECTED.token).pipe(z.string().trim().min(1, { error: EXPECTED.token })),
  groupId: field.requiredInteger(1, Number.MAX_SAFE_INTEGER, EXPECTED.groupId),
  mode: field.oneOf(['longpoll', 'callback'], 'longpoll'),
  confirmationCode: field.optionalText(EXPECTED.confirmationCode),
  // VK's own rule for the Callback API secret key.
  secret: field.optionalText(EXPECTED.secret).pipe(z.string().regex(/^[A-Za-z0-9]{1,50}$/, { error: EXPECTED.secret }).optional()),
  apiBaseUrl: field.urlOr(EXPECTED.apiBaseUrl, 'https://api.vk.com/method').transform((url) => url.replace(/\/+$/, '')),
  apiVersion: field.text(EXPECTED.apiVersion, '5.199').pipe(z.string().regex(/^5\.\d+$/, { error: EXPECTED.apiVersion })),
  pollWaitSeconds: field.integer(25, 1, 90, EXPECTED.pollWaitSeconds),
}).superRefine(
  (settings, ctx) => {
    if (settings?.mode !== 'callback') return;
    // Without both, VK cannot confirm the server and nobody can tell its events from forged ones.
    if (settings.confirmationCode === undefined) ctx.addIssue({ code: 'custom', path: ['confirmationCode'], message: EXPECTED.confirmationCode });
    if (settings.secret === undefined) ctx.addIssue({ code: 'custom', path: ['secret'], message: EXPECTED.secret });
  },
  // Also when other keys are wrong, so one boot names every problem.
  { when: () => true },
);

export type VkSettings = z.output<typeof vkSettingsSchema>;

/** Reports each problem naming the key, as the other channels do. */
export const validateVkSettings = settingsValidator(vkSettingsSchema, { secrets: HIDDEN });

/** The typed view of an already validated channel entry. */
export function vkSettingsOf(config: ChannelConfig): VkSettings {
  return config.settings as unknown as VkSettings;
}
