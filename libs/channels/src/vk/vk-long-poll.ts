import { Logger } from '@nestjs/common';
import type { ChannelContext } from '../channel-adapter';
import { LongPollServer, VkApi } from './vk-api';
import type { VkEvent } from './vk-event.mapper';

/** The cursor holding the `ts` to ask the Long Poll server for next. */
export const TS_CURSOR = 'ts';

export interface LongPollOptions {
  api: VkApi;
  groupId: number;
  waitSeconds: number;
  cursors: ChannelContext['cursors'];
  /** Stores one event; resolves only after the database commit. */
  handle(event: VkEvent): Promise<void>;
  /** A long poll request was answered: the connection works. */
  onPolled(): void;
  logger: Logger;
}

/**
 * The Bots Long Poll API without losing events. Every event of a batch is stored before the batch's `ts` is saved,
 * and the next request sends the saved `ts`: a crash mid-batch brings the whole batch back, and the ingest drops
 * the events already stored by their message id. The first start saves VK's current `ts` at once, so events that
 * arrive while the server is down are still delivered after it restarts.
 */
export class VkLongPoll {
  constructor(private readonly options: LongPollOptions) {}

  /** Polls until the signal aborts; rejects on a failure, leaving the unsaved batch for the next run. */
  async run(signal: AbortSignal): Promise<void> {
    const { api, cursors, logger } = this.options;
    let server = await this.server();
    let ts = await cursors.get(TS_CURSOR);
    if (ts === null) {
      ts = String(server.ts);
      await cursors.set(TS_CURSOR, ts);
    }
    while (!signal.aborted) {
      const answer = await api.poll(server, ts, this.options.waitSeconds);
      this.options.onPolled();
      if (answer.failed !== undefined) {
        // As VK documents: 1 — the history is outdated or partly lost, go on from the ts given; 2 — the key
        // expired, get a new one; 3 — the key and the history are lost, get a new key and ts.
        if (answer.failed === 1 && answer.ts !== undefined) {
          logger.warn(`VK Long Poll lost events before ts ${answer.ts} (failed: 1); going on from there`);
          ts = String(answer.ts);
          await cursors.set(TS_CURSOR, ts);
        } else if (answer.failed === 2) {
          server = await this.server();
        } else {
          logger.warn(`VK Long Poll lost its history (failed: ${answer.failed}); going on from the current ts`);
          server = await this.server();
          ts = String(server.ts);
          await cursors.set(TS_CURSOR, ts);
        }
        continue;
      }
      if (answer.ts === undefined) throw new Error('VK Long Poll answered without ts');
      for (const event of (answer.updates ?? []) as VkEvent[]) {
        if (signal.aborted) return;
        await this.options.handle(event);
      }
      if (String(answer.ts) !== ts) {
        ts = String(answer.ts);
        await cursors.set(TS_CURSOR, ts);
      }
    }
  }

  private server(): Promise<LongPollServer> {
    return this.options.api.call<LongPollServer>('groups.getLongPollServer', { group_id: this.options.groupId });
  }
}
