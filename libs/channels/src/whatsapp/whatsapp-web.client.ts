import { join } from 'node:path';
import type * as Wweb from 'whatsapp-web.js';

/** The part of a whatsapp-web.js Message this channel reads. */
export interface WwebMessageLike {
  id: { _serialized: string };
  from: string;
  fromMe: boolean;
  body: string;
  type: string;
  /** Unix seconds. */
  timestamp: number;
  hasMedia: boolean;
  isStatus?: boolean;
  location?: { latitude: number | string; longitude: number | string; name?: string; address?: string; description?: string } | null;
  downloadMedia(): Promise<{ mimetype: string; data: string; filename?: string | null; filesize?: number | null } | undefined | null>;
  getContact?(): Promise<{ pushname?: string; name?: string; number?: string }>;
}

export interface WwebChatLike {
  id: { _serialized: string };
  isGroup: boolean;
  unreadCount: number;
  fetchMessages(options: { limit?: number }): Promise<WwebMessageLike[]>;
}

/**
 * The whatsapp-web.js Client as this channel uses it: its events (qr, authenticated, auth_failure, ready,
 * message, message_ack, disconnected) and a few methods. Tests pass an EventEmitter with the same shape.
 */
export interface WwebClientLike {
  on(event: string, listener: (...args: any[]) => void): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  sendMessage(chatId: string, content: string): Promise<{ id: { _serialized: string } }>;
  /** Sends a file (whatsapp-web.js `MessageMedia`): a photo, a voice message (`asVoice`) or a document (`asDocument`). */
  sendFile(chatId: string, file: WwebFile, options: { asVoice: boolean; asDocument: boolean }): Promise<{ id: { _serialized: string } }>;
  getChats(): Promise<WwebChatLike[]>;
}

/** A file to send: its bytes in base64, as `MessageMedia` takes them. */
export interface WwebFile {
  mimetype: string;
  data: string;
  filename: string;
  filesize: number;
}

export interface WwebClientOptions {
  channelId: string;
  /** LocalAuth's folder: the linked session, so a restart needs no new scan. */
  sessionDir: string;
  executablePath: string;
}

export type WwebClientFactory = (options: WwebClientOptions) => WwebClientLike;

/** Flags for a headless server: no sandbox (root in containers), no GPU, nothing that phones home. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The real client: whatsapp-web.js with LocalAuth under the session folder and the system Chromium
 * (puppeteer-core never downloads a browser). Loaded on first use, so servers without WhatsApp never load it.
 */
export const createWwebClient: WwebClientFactory = (options) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client, LocalAuth, MessageMedia } = require('whatsapp-web.js') as typeof Wweb;
  const client = new Client({
    authStrategy: new LocalAuth({ dataPath: options.sessionDir }),
    // The WhatsApp Web page cache lives with the session instead of ./.wwebjs_cache in the working directory.
    webVersionCache: { type: 'local', path: join(options.sessionDir, 'web-cache') },
    puppeteer: {
      executablePath: options.executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      // The server shuts down gracefully on signals and closes the browser itself (adapter.stop).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    },
  });
  const sendFile: WwebClientLike['sendFile'] = (chatId, file, options) => client.sendMessage(chatId, new MessageMedia(file.mimetype, file.data, file.filename, file.filesize), {
    sendAudioAsVoice: options.asVoice,
    sendMediaAsDocument: options.asDocument,
  });
  return Object.assign(client, { sendFile });
};
