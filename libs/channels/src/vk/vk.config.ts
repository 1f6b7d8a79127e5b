import { z } from 'zod';
import type { ChannelConfig, ChannelSettingsValidator } from '@app/platform/config';

export type VkMode = 'longpoll' | 'callback';

/** What each key must hold, in the words a config error shows (`channels[2].groupId: expected …`). */
const EXPECTED = {
  token: 'a community access token with the "messages" right (Manage → API usage → Access tokens)',
  groupId: 'the community id, a positive whole number (Manage → API usage → Bots Long Poll API shows it)',
  mode: 'one of longpoll, callback',
  confirmationCode: 'the string VK asks the server to return (Manage → API usage → Callback API; required in callback mode)',
  secret: 'the secret key of the Callback API server, 1–50 letters and digits (required in callback mode)',
  apiBaseUrl: 'an http(s) URL of the VK API such as https://api.vk.com/method',
  apiVersion: 'a VK API version such as 5.199',
  pollWaitSeconds: 'a whole number of seconds from 1 to 90',
} as const;

// Values that must never appear in a log or an error message.
const HIDDEN = new Set<string>(['token', 'secret', 'confirmationCode']);

const wholeNumber = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A vk channel's settings; unknown keys are errors, so a typo (`tokn:`) is not silently ignored. */
export const vkSettingsSchema = z
  .strictObject({
    token: z.string().trim().min(1),
    groupId: wholeNumber(1, Number.MAX_SAFE_INTEGER),
    mode: z.enum(['longpoll', 'callback']).default('longpoll'),
    confirmationCode: z.string().trim().min(1).optional(),
    // VK's own rule for the Callback API secret key.
    secret: z.string().regex(/^[A-Za-z0-9]{1,50}$/).optional(),
    apiBaseUrl: z
      .string()
      .regex(/^https?:\/\/[^/]/)
      .default('https://api.vk.com/method')
      .transform((url) => url.replace(/\/+$/, '')),
    apiVersion: z.string().regex(/^5\.\d+$/).default('5.199'),
    pollWaitSeconds: wholeNumber(1, 90).default(25),
  })
  .superRefine(
    (settings, ctx) => {
      if (settings?.mode !== 'callback') return;
      // Without both, VK cannot confirm the server and nobody can tell its events from forged ones.
      if (settings.confirmationCode === undefined) ctx.addIssue({ code: 'custom', path: ['confirmationCode'], message: 'required in callback mode' });
      if (settings.secret === undefined) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'required in callback mode' });
    },
    // Also when other keys are wrong, so one boot names every problem.
    { when: () => true },
  );

export type VkSettings = z.output<typeof vkSettingsSchema>;

const KNOWN_KEYS = Object.keys(EXPECTED);

/** Validates with the zod schema and reports each problem on the reader, naming the key as the other channels do. */
export const validateVkSettings: ChannelSettingsValidator = (settings, path, reader) => {
  const parsed = vkSettingsSchema.safeParse(settings);
  if (parsed.success) return { ...parsed.data };
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) reader.problems.push(`${path}.${key}: no such key; a vk channel takes ${KNOWN_KEYS.join(', ')}`);
      continue;
    }
    const key = String(issue.path[0] ?? '');
    const expected = EXPECTED[key as keyof typeof EXPECTED] ?? issue.message;
    reader.problem(`${path}.${key}`, expected, HIDDEN.has(key) && settings[key] ? '<hidden>' : settings[key]);
  }
  return settings;
};

/** The typed view of an already validated channel entry. */
export function vkSettingsOf(config: ChannelConfig): VkSettings {
  return config.settings as unknown as VkSettings;
}
