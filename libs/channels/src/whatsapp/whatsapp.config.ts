import { z } from 'zod';
import { field, settingsObject, settingsValidator } from '@app/platform/config';
import { join, resolve } from 'node:path';

export const WHATSAPP_CONNECTIONS = ['web', 'cloud'] as const;
export type WhatsappConnection = (typeof WHATSAPP_CONNECTIONS)[number];

/** The public Graph API, with the version this adapter was written against. */
export const DEFAULT_GRAPH_API_ROOT = 'https://graph.facebook.com/v23.0';
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const webSettings = settingsObject('a whatsapp channel with connection: web', {
  connection: z.literal('web'),
  executablePath: field.text(undefined, DEFAULT_CHROMIUM),
  /** Where the LocalAuth session lives; absent = `<DATA_DIR>/channels/<id>/session`. */
  sessionDir: field.optionalText(),
  /** Minimum pause between two sends (WhatsApp bans numbers that send in bursts). */
  sendIntervalMs: field.integer(1000, 0, 60_000),
  /** First delay before a new client is built after a failure or a disconnect; doubles up to reconnectMaxMs. */
  reconnectBaseMs: field.integer(5000, 10, 3_600_000),
  reconnectMaxMs: field.integer(5 * 60_000, 10, 24 * 3_600_000),
  /** How long launching Chromium and loading WhatsApp Web may take before it counts as a failure. */
  initTimeoutMs: field.integer(180_000, 1000, 3_600_000),
});

const cloudSettings = settingsObject('a whatsapp channel with connection: cloud', {
  connection: z.literal('cloud'),
  phoneNumberId: field.text(),
  accessToken: field.text(),
  appSecret: field.text(),
  verifyToken: field.text(),
  /** Graph API base URL including its version, without a trailing slash. */
  apiRoot: field.urlOr('an http(s) URL such as https://graph.facebook.com/v23.0', DEFAULT_GRAPH_API_ROOT).transform((root) => root.replace(/\/+$/, '')),
  sendIntervalMs: field.integer(50, 0, 60_000),
});

/** `type: whatsapp` settings: `connection` picks which keys are required. */
export const whatsappSettingsSchema = z.discriminatedUnion('connection', [webSettings, cloudSettings], { error: `one of ${WHATSAPP_CONNECTIONS.join(', ')}` });

/** `connection: web`: a linked device driven by whatsapp-web.js in the system Chromium. */
export type WhatsappWebSettings = z.output<typeof webSettings>;
/** `connection: cloud`: the official WhatsApp Cloud API (webhooks in, Graph API out). */
export type WhatsappCloudSettings = z.output<typeof cloudSettings>;
export type WhatsappSettings = WhatsappWebSettings | WhatsappCloudSettings;

export const validateWhatsappSettings = settingsValidator(whatsappSettingsSchema, { secrets: ['accessToken', 'appSecret', 'verifyToken'] });

/** The LocalAuth folder of a web channel: `sessionDir`, or `session` in the channel's data folder. */
export function sessionDirOf(settings: WhatsappWebSettings, channelDataDir: string): string {
  return settings.sessionDir ? resolve(settings.sessionDir) : join(channelDataDir, 'session');
}
