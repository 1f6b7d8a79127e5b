import type { Telegram } from 'telegraf';
import type { ChannelContext } from '../channel-adapter';
import { ALLOWED_UPDATES, TelegramUpdate } from './telegram-update.mapper';

/** The cursor holding the next update_id to ask for; Telegram forgets everything below the offset it is sent. */
export const OFFSET_CURSOR = 'offset';
const BATCH = 100;

export interface PollerOptions {
  telegram: Telegram;
  timeoutSeconds: number;
  cursors: ChannelContext['cursors'];
  /** Stores one update; resolves only after the database commit. */
  handle(update: TelegramUpdate): Promise<void>;
  /** A getUpdates call answered: the connection works. */
  onPolled(): void;
}

/**
 * Long polling that loses nothing. telegraf's own polling confirms a batch (by asking for the next offset)
 * before its handlers run; here each update is stored first and the offset saved after it, and the next
 * getUpdates sends that saved offset. A crash before the save brings the update back, and the ingest
 * drops the repeat by its external id; a crash after it finds the update stored.
 */
export class TelegramPoller {
  constructor(private readonly options: PollerOptions) {}

  /** Polls until the signal aborts; rejects on a failure, leaving the unstored update for the next run. */
  async run(signal: AbortSignal): Promise<void> {
    const { telegram, cursors } = this.options;
    let offset = Number((await cursors.get(OFFSET_CURSOR)) ?? 0);
    while (!signal.aborted) {
      const updates = (await telegram.callApi(
        'getUpdates',
        { offset, limit: BATCH, timeout: this.options.timeoutSeconds, allowed_updates: ALLOWED_UPDATES },
        // telegraf types the signal with the abort-controller polyfill; Node's own works the same at runtime.
        { signal: signal as never },
      )) as unknown as TelegramUpdate[];
      this.options.onPolled();
      for (const update of updates) {
        if (signal.aborted) return;
        if (update.update_id < offset) continue; // already stored; only a misbehaving server sends it
        await this.options.handle(update);
        offset = update.update_id + 1;
        await cursors.set(OFFSET_CURSOR, String(offset));
      }
    }
  }
}
