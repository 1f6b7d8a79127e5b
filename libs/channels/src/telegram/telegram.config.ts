import type { ChannelConfig, ChannelSettingsValidator } from '@app/platform/config';

export type TelegramMode = 'polling' | 'webhook';

/** A telegram channel's settings after validation. */
export interface TelegramSettings {
  token: string;
  mode: TelegramMode;
  /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token; required in webhook mode. */
  webhookSecret?: string;
  /** A self-hosted Bot API server; always ends with a slash so a path prefix survives URL resolution. */
  apiRoot?: string;
  /** Long-poll timeout of getUpdates, in seconds. */
  pollTimeoutSeconds: number;
}

const TOKEN = /^\d+:[A-Za-z0-9_-]+$/;
// Telegram's own rule for secret_token: 1–256 characters of A-Z, a-z, 0-9, _ and -.
const SECRET = /^[A-Za-z0-9_-]{1,256}$/;

const KNOWN_KEYS = ['token', 'mode', 'webhookSecret', 'apiRoot', 'pollTimeoutSeconds'];

export const validateTelegramSettings: ChannelSettingsValidator = (settings, path, reader) => {
  // A misspelt key (webhooksecret) would otherwise be ignored silently and surface only as a refused webhook.
  for (const key of Object.keys(settings)) {
    if (!KNOWN_KEYS.includes(key)) reader.problem(`${path}.${key}`, `no such key; a telegram channel takes ${KNOWN_KEYS.join(', ')}`, settings[key]);
  }
  const token = reader.string(settings, 'token', path);
  if (token && !TOKEN.test(token)) reader.problem(`${path}.token`, 'a bot token such as 123456789:AAH… (from @BotFather)', '<hidden>');
  const mode = reader.oneOf<TelegramMode>(settings, 'mode', path, ['polling', 'webhook'], 'polling');
  const webhookSecret = reader.optionalString(settings, 'webhookSecret', path);
  if (mode === 'webhook' && !webhookSecret) reader.problem(`${path}.webhookSecret`, 'a secret of 1–256 letters, digits, _ or - (required in webhook mode)', settings.webhookSecret);
  else if (webhookSecret && !SECRET.test(webhookSecret)) reader.problem(`${path}.webhookSecret`, '1–256 letters, digits, _ or -', '<hidden>');
  let apiRoot = reader.optionalString(settings, 'apiRoot', path);
  if (apiRoot && !/^https?:\/\/[^/]/.test(apiRoot)) reader.problem(`${path}.apiRoot`, 'an http(s) URL of a Bot API server', apiRoot);
  else if (apiRoot && !apiRoot.endsWith('/')) apiRoot = `${apiRoot}/`;
  const result: TelegramSettings = {
    token,
    mode,
    webhookSecret,
    apiRoot,
    pollTimeoutSeconds: reader.integer(settings, 'pollTimeoutSeconds', path, 30, 0, 50),
  };
  return { ...result };
};

/** The typed view of an already validated channel entry. */
export function telegramSettingsOf(config: ChannelConfig): TelegramSettings {
  return config.settings as unknown as TelegramSettings;
}
