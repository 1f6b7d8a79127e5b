import type { ChannelSettingsValidator, ConfigReader } from '@app/platform/config';
import { join, resolve } from 'node:path';

export const WHATSAPP_CONNECTIONS = ['web', 'cloud'] as const;
export type WhatsappConnection = (typeof WHATSAPP_CONNECTIONS)[number];

/** The public Graph API, with the version this adapter was written against. */
export const DEFAULT_GRAPH_API_ROOT = 'https://graph.facebook.com/v23.0';
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** `connection: web`: a linked device driven by whatsapp-web.js in the system Chromium. */
export interface WhatsappWebSettings {
  connection: 'web';
  executablePath: string;
  /** Where the LocalAuth session lives; absent = `<DATA_DIR>/channels/<id>/session`. */
  sessionDir?: string;
  /** Minimum pause between two sends (WhatsApp bans numbers that send in bursts). */
  sendIntervalMs: number;
  /** First delay before a new client is built after a failure or a disconnect; doubles up to reconnectMaxMs. */
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /** How long launching Chromium and loading WhatsApp Web may take before it counts as a failure. */
  initTimeoutMs: number;
}

/** `connection: cloud`: the official WhatsApp Cloud API (webhooks in, Graph API out). */
export interface WhatsappCloudSettings {
  connection: 'cloud';
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  /** Graph API base URL including its version, without a trailing slash. */
  apiRoot: string;
  sendIntervalMs: number;
}

export type WhatsappSettings = WhatsappWebSettings | WhatsappCloudSettings;

type Reader = (settings: Record<string, unknown>, path: string, reader: ConfigReader) => WhatsappSettings;

const READERS: Record<WhatsappConnection, Reader> = {
  web: (s, path, r): WhatsappWebSettings => ({
    connection: 'web',
    executablePath: r.string(s, 'executablePath', path, DEFAULT_CHROMIUM),
    sessionDir: r.optionalString(s, 'sessionDir', path),
    sendIntervalMs: r.integer(s, 'sendIntervalMs', path, 1000, 0, 60_000),
    reconnectBaseMs: r.integer(s, 'reconnectBaseMs', path, 5000, 10, 3_600_000),
    reconnectMaxMs: r.integer(s, 'reconnectMaxMs', path, 5 * 60_000, 10, 24 * 3_600_000),
    initTimeoutMs: r.integer(s, 'initTimeoutMs', path, 180_000, 1000, 3_600_000),
  }),
  cloud: (s, path, r): WhatsappCloudSettings => {
    const apiRoot = r.string(s, 'apiRoot', path, DEFAULT_GRAPH_API_ROOT).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]/.test(apiRoot)) r.problem(`${path}.apiRoot`, 'an http(s) URL such as https://graph.facebook.com/v23.0', apiRoot);
    return {
      connection: 'cloud',
      phoneNumberId: r.string(s, 'phoneNumberId', path),
      accessToken: r.string(s, 'accessToken', path),
      appSecret: r.string(s, 'appSecret', path),
      verifyToken: r.string(s, 'verifyToken', path),
      apiRoot,
      sendIntervalMs: r.integer(s, 'sendIntervalMs', path, 50, 0, 60_000),
    };
  },
};

/** `type: whatsapp` settings: `connection` picks which keys are required. */
export const validateWhatsappSettings: ChannelSettingsValidator = (settings, path, reader) => {
  const connection = reader.oneOf(settings, 'connection', path, WHATSAPP_CONNECTIONS);
  return { ...READERS[connection](settings, path, reader) };
};

/** The LocalAuth folder of a web channel: `sessionDir`, or `session` in the channel's data folder. */
export function sessionDirOf(settings: WhatsappWebSettings, channelDataDir: string): string {
  return settings.sessionDir ? resolve(settings.sessionDir) : join(channelDataDir, 'session');
}
