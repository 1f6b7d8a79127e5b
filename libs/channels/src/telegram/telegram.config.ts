import { z } from 'zod';
import type { ChannelConfig } from '@app/platform/config';
import { field, settingsObject, settingsValidator } from '@app/platform/config';

export type TelegramMode = 'polling' | 'webhook';

const TOKEN = /^\d+:[A-Za-z0-9_-]+$/;
// Telegram's own rule for secret_token: 1–256 characters of A-Z, a-z, 0-9, _ and -.
const SECRET = /^[A-Za-z0-9_-]{1,256}$/;

export const telegramSettingsSchema = settingsObject('a telegram channel', {
  token: field.matching(TOKEN, 'a bot token such as 123456789:AAH… (from @BotFather)'),
  mode: field.oneOf(['polling', 'webhook'], 'polling'),
  /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token; required in webhook mode. */
  webhookSecret: field.optionalText().pipe(z.string().regex(SECRET, { error: '1–256 letters, digits, _ or -' }).optional()),
  /** A self-hosted Bot API server; always ends with a slash so a path prefix survives URL resolution. */
  apiRoot: field.url('an http(s) URL of a Bot API server').transform((root) => (root && !root.endsWith('/') ? `${root}/` : root)),
  /** Long-poll timeout of getUpdates, in seconds. */
  pollTimeoutSeconds: field.integer(30, 0, 50),
}).superRefine((settings, ctx) => {
  if (settings.mode === 'webhook' && !settings.webhookSecret) {
    ctx.addIssue({ code: 'custom', path: ['webhookSecret'], message: 'a secret of 1–256 letters, digits, _ or - (required in webhook mode)' });
  }
});

/** A telegram channel's settings after validation. */
export type TelegramSettings = z.output<typeof telegramSettingsSchema>;

export const validateTelegramSettings = settingsValidator(telegramSettingsSchema, { secrets: ['token', 'webhookSecret'] });

/** The typed view of an already validated channel entry. */
export function telegramSettingsOf(config: ChannelConfig): TelegramSettings {
  return config.settings as unknown as TelegramSettings;
}
