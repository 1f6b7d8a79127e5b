import { stringify } from 'yaml';

type Settings = Record<string, unknown>;

/**
 * The config file a test gives the server, written from its shape (the `yaml` library quotes what needs quoting).
 * The pieces below are the ones many tests share; a test adds its own keys beside them.
 */
export function configYaml(config: { channels: Settings[]; [section: string]: unknown }): string {
  return stringify(config);
}

/** Outbox retries and polls a test can wait for (the defaults are seconds apart). */
export const FAST_OUTBOX = { retryBaseMs: 50, pollMs: 50 };

/** Web chat limits no test's many visitors from one address reach. */
export const HIGH_WEBCHAT_LIMITS = { webchatPerAddress: 1000, webchatPerVisitor: 1000 };

/** The web chat channel `webchat`, under the name the pages show (none: the default). */
export function webchatChannel(name?: string, settings: Settings = {}): Settings {
  return { id: 'webchat', type: 'webchat', ...(name === undefined ? {} : { name }), ...settings };
}

/** A second channel for the pages to list: a Telegram bot that is switched off, so it never reaches Telegram. */
export const SWITCHED_OFF_BOT: Settings = { id: 'support-bot', type: 'telegram', name: 'Бот поддержки', enabled: false, token: '123456:TEST-token' };

/** The Telegram bot channel `tg` on a fake Bot API; a one-second long poll, so a stopping server is not kept waiting. */
export function telegramChannel(token: string, apiRoot: string, settings: Settings = {}): Settings {
  return { id: 'tg', type: 'telegram', token, apiRoot, pollTimeoutSeconds: 1, ...settings };
}

/** The channel type a test registers itself (test/support/scripted-channel), as channel `peer`. */
export function scriptedChannel(settings: Settings = {}): Settings {
  return { id: 'peer', type: 'scripted', ...settings };
}

/** The mailbox support@acme.test (channel `support`) on the test's Dovecot and SMTP sink. */
export function acmeSupportMailbox(imap: { port: number }, smtp: { port: number }, settings: Settings = {}): Settings {
  return {
    id: 'support', type: 'email', name: 'ACME Support', address: 'support@acme.test',
    imap: { host: '127.0.0.1', port: imap.port, secure: false, user: 'support', password: 'secret-pass' },
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
    ...settings,
  };
}

/**
 * The `policies` of a web chat whose visitors never get the high-load notice: it is an automatic message of its own,
 * and would stand between the messages a test counts.
 */
export function quietWebchatPolicy(policy: Settings = {}): { webchat: Settings } {
  return { webchat: { ...policy, highLoadNotice: 'off' } };
}
