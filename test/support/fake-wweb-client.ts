import { EventEmitter } from 'node:events';
import type { WwebChatLike, WwebClientFactory, WwebClientLike, WwebClientOptions, WwebFile, WwebMessageLike } from '@app/channels/whatsapp';

let sequence = 0;

/**
 * Stands in for whatsapp-web.js's Client: the same events (qr, authenticated, ready, message, message_ack,
 * disconnected) and methods (initialize, destroy, sendMessage, getChats). The test drives the events.
 */
export class FakeWwebClient extends EventEmitter implements WwebClientLike {
  readonly sent: { chatId: string; content: string; id: string; at: number }[] = [];
  initialized = 0;
  destroyed = 0;
  chats: FakeChat[] = [];
  /** Makes initialize() fail like a browser that cannot load WhatsApp Web. */
  initFailure: string | null = null;
  /** Makes every sendMessage() fail with this text. */
  sendFailure: string | null = null;
  /** Files sent as MessageMedia, with how they were to be shown. */
  readonly files: { chatId: string; file: WwebFile; options: { asVoice: boolean; asDocument: boolean }; id: string }[] = [];
  /** Makes every sendFile() fail with this text, as WhatsApp refusing a file. */
  fileFailure: string | null = null;

  constructor(readonly options: WwebClientOptions, readonly index: number) {
    super();
  }

  async initialize(): Promise<void> {
    this.initialized++;
    if (this.initFailure) throw new Error(this.initFailure);
  }

  async destroy(): Promise<void> {
    this.destroyed++;
  }

  async sendMessage(chatId: string, content: string): Promise<{ id: { _serialized: string } }> {
    if (this.sendFailure) throw new Error(this.sendFailure);
    const id = `true_${chatId}_3EB0OUT${++sequence}`;
    this.sent.push({ chatId, content, id, at: Date.now() });
    return { id: { _serialized: id } };
  }

  async sendFile(chatId: string, file: WwebFile, options: { asVoice: boolean; asDocument: boolean }): Promise<{ id: { _serialized: string } }> {
    if (this.fileFailure) throw new Error(this.fileFailure);
    const id = `true_${chatId}_3EB0FILE${++sequence}`;
    this.files.push({ chatId, file, options, id });
    return { id: { _serialized: id } };
  }

  async getChats(): Promise<WwebChatLike[]> {
    return this.chats;
  }

  /** The phone scanned the code and the session is loaded. */
  link(): void {
    this.emit('authenticated');
    this.emit('ready');
  }

  /** WhatsApp's acknowledgement of one of our messages (MessageAck: -1 error … 3 read, 4 played). */
  ack(id: string, ack: number): void {
    const [, remote] = id.split('_');
    this.emit('message_ack', fakeMessage({ id, from: remote, fromMe: true }), ack);
  }
}

export class FakeChat implements WwebChatLike {
  readonly fetches: { limit?: number }[] = [];

  constructor(readonly id: { _serialized: string }, readonly unreadCount: number, readonly messages: WwebMessageLike[], readonly isGroup = false) {}

  async fetchMessages(options: { limit?: number }): Promise<WwebMessageLike[]> {
    this.fetches.push(options);
    return this.messages.slice(-(options.limit ?? this.messages.length));
  }
}

export interface FakeMessageFields {
  id?: string;
  from: string;
  body?: string;
  type?: string;
  fromMe?: boolean;
  timestamp?: number;
  pushname?: string;
  media?: { mimetype: string; data: Buffer; filename?: string | null } | null;
  location?: WwebMessageLike['location'];
  isStatus?: boolean;
}

/** A received message as whatsapp-web.js shows it; `from` is the chat id (`<phone>@c.us`). */
export function fakeMessage(fields: FakeMessageFields): WwebMessageLike {
  const media = fields.media ?? null;
  return {
    id: { _serialized: fields.id ?? `false_${fields.from}_3EB0IN${++sequence}` },
    from: fields.from,
    fromMe: fields.fromMe ?? false,
    body: fields.body ?? '',
    type: fields.type ?? 'chat',
    timestamp: fields.timestamp ?? Math.floor(Date.now() / 1000),
    hasMedia: media !== null,
    isStatus: fields.isStatus ?? false,
    location: fields.location ?? null,
    downloadMedia: async () => (media ? { mimetype: media.mimetype, data: media.data.toString('base64'), filename: media.filename ?? null, filesize: media.data.length } : undefined),
    getContact: async () => ({ pushname: fields.pushname, number: fields.from.split('@')[0] }),
  };
}

/** The WhatsApp account behind successive clients: every client the adapter builds, in order. */
export class FakeWwebDevice {
  readonly clients: FakeWwebClient[] = [];

  /** Called on each new client before the adapter sees it (to give it chats or make it fail). */
  constructor(private readonly prepare: (client: FakeWwebClient) => void = () => undefined) {}

  readonly factory: WwebClientFactory = (options) => {
    const client = new FakeWwebClient(options, this.clients.length);
    this.prepare(client);
    this.clients.push(client);
    return client;
  };

  get current(): FakeWwebClient {
    const client = this.clients[this.clients.length - 1];
    if (!client) throw new Error('no client was built yet');
    return client;
  }
}
