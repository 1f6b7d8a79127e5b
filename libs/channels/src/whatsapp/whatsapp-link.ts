import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@app/platform/config';
import { reasonOf } from './inbound-content';
import { sessionDirOf, WhatsappSettings } from './whatsapp.config';
import { createWwebClient, WwebClientFactory } from './whatsapp-web.client';

export interface LinkOptions {
  config: AppConfig;
  channelId: string;
  /** Draws the QR code (the CLI prints it in the terminal); called again each time WhatsApp rotates it. */
  showQr: (code: string) => Promise<void> | void;
  log: (line: string) => void;
  clientFactory?: WwebClientFactory;
  /** How long to wait for the scan; WhatsApp rotates the code about every 20 s meanwhile. */
  timeoutMs?: number;
}

/**
 * `inbox-cli whatsapp link <channelId>`: starts the channel's client on its session folder, shows each QR code,
 * and returns once WhatsApp reports the device linked and ready; the session stays for the server to use.
 */
export async function linkWhatsappWeb(options: LinkOptions): Promise<string> {
  const channel = options.config.channels.find((c) => c.id === options.channelId);
  if (!channel || channel.type !== 'whatsapp') throw new Error(`no whatsapp channel "${options.channelId}" in ${options.config.configFile}`);
  const settings = channel.settings as unknown as WhatsappSettings;
  if (settings.connection !== 'web') throw new Error(`channel ${channel.id} uses connection: ${settings.connection}; only connection: web is linked by a QR code`);
  const sessionDir = sessionDirOf(settings, join(options.config.dataDir, 'channels', channel.id));
  const holder = sessionHolder(sessionDir);
  if (holder) {
    throw new Error(`the session in ${sessionDir} is open in a running browser (pid ${holder}), most likely the server's: `
      + `link through GET /api/channels/${channel.id}/qr while the server runs, or stop the server first`);
  }

  const client = (options.clientFactory ?? createWwebClient)({ channelId: channel.id, sessionDir, executablePath: settings.executablePath });
  let timer: NodeJS.Timeout | undefined;
  try {
    options.log(`starting WhatsApp Web for channel ${channel.id} (session in ${sessionDir}) …`);
    return await new Promise<string>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no scan within ${Math.round((options.timeoutMs ?? 300_000) / 1000)} s`)), options.timeoutMs ?? 300_000);
      client.on('qr', (code: string) => {
        options.log('scan this code in WhatsApp on the phone: Settings → Linked devices → Link a device');
        Promise.resolve(options.showQr(code)).catch(reject);
      });
      client.on('authenticated', () => options.log('scanned; WhatsApp Web is loading the chats …'));
      client.on('ready', () => resolve(`channel ${channel.id} is linked; the session is saved in ${sessionDir}, restarts need no new scan`));
      client.on('auth_failure', (reason: unknown) => reject(new Error(`WhatsApp refused the link: ${reasonOf(reason)}`)));
      client.on('disconnected', (reason: unknown) => reject(new Error(`WhatsApp Web disconnected before the link was complete (${reasonOf(reason)})`)));
      client.initialize().catch((err) => reject(new Error(`could not start WhatsApp Web: ${reasonOf(err)}`)));
    });
  } finally {
    clearTimeout(timer);
    await client.destroy().catch(() => undefined);
  }
}

/** The pid of a live Chromium holding the session's profile (its SingletonLock points at `<host>-<pid>`), or null. */
export function sessionHolder(sessionDir: string): number | null {
  let target: string;
  try {
    target = readlinkSync(join(sessionDir, 'session', 'SingletonLock'));
  } catch {
    return null;
  }
  const cut = target.lastIndexOf('-');
  const pid = Number(target.slice(cut + 1));
  if (target.slice(0, cut) !== hostname() || !Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
