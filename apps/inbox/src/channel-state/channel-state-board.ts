import { Global, Injectable, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import type { ChannelState } from '@app/channels';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import type { LeaseOwner } from '@app/platform/leases/lease-key.util';
import { RedisConnections } from '@app/platform/redis/redis-connections';

/** What the process holding a channel last said about its connection. */
export interface ReportedChannelState {
  state: ChannelState;
  reason: string | null;
  /** Since when the connection is in this state (ISO), as the adapter says. */
  since: string | null;
  /** WhatsApp Web while linking: the code to draw as a QR; null otherwise. */
  qr: string | null;
  /** Whether the channel is linked by scanning a code at all (else its QR route is a 404, not a 409). */
  linksByQr: boolean;
  /** The process that holds the channel's lease and runs its adapter. */
  holder: LeaseOwner;
  /** When the holder wrote this (ISO); it writes again on every change and at least every REPORT_EVERY_MS. */
  reportedAt: string;
}

/** How often a holder repeats an unchanged report, so it does not expire while the holder lives. */
export const REPORT_EVERY_MS = 5000;
/**
 * A report the holder has not repeated for this long is gone: a holder that stopped reporting (frozen, cut off
 * from Redis) is not believed, whatever its lease says.
 */
export const REPORT_EXPIRES_MS = 3 * REPORT_EVERY_MS;

/**
 * Where the holder of a channel leaves its adapter's state for the API processes. In one process the API reads
 * its own adapters, so there is nothing to share (`shared` is false). In a cluster the reports live in Redis,
 * one key per channel with a TTL the holder keeps refreshing: every API process reads the same report, and a
 * holder that dies without a word leaves nothing behind for longer than REPORT_EXPIRES_MS. Redis rather than a
 * table: the state is worth seconds (a QR code rotates every 20 s), needs no history, and expiry comes free.
 */
export abstract class ChannelStateBoard {
  abstract readonly shared: boolean;
  abstract report(channelId: string, report: ReportedChannelState): Promise<void>;
  /** The live reports of these channels; a channel without one is missing from the map. */
  abstract read(channelIds: string[]): Promise<Map<string, ReportedChannelState>>;
}

export class InProcessChannelStateBoard extends ChannelStateBoard {
  readonly shared = false;

  async report(): Promise<void> {
    // One process: the API reads the adapters themselves.
  }

  async read(): Promise<Map<string, ReportedChannelState>> {
    return new Map();
  }
}

@Injectable()
export class RedisChannelStateBoard extends ChannelStateBoard {
  readonly shared = true;
  private readonly client: Redis;

  constructor(private readonly redis: RedisConnections) {
    super();
    this.client = redis.connect('channel-state');
  }

  async report(channelId: string, report: ReportedChannelState): Promise<void> {
    await this.client.set(this.keyOf(channelId), JSON.stringify(report), 'PX', REPORT_EXPIRES_MS);
  }

  async read(channelIds: string[]): Promise<Map<string, ReportedChannelState>> {
    if (!channelIds.length) return new Map();
    const values = await this.client.mget(...channelIds.map((id) => this.keyOf(id)));
    const reports = new Map<string, ReportedChannelState>();
    values.forEach((value, i) => {
      if (value) reports.set(channelIds[i], JSON.parse(value) as ReportedChannelState);
    });
    return reports;
  }

  private keyOf(channelId: string): string {
    return this.redis.key('channel-state', channelId);
  }
}

/** The board for this installation: in Redis when it runs as a cluster. */
@Global()
@Module({
  providers: [{
    provide: ChannelStateBoard,
    inject: [APP_CONFIG, RedisConnections],
    useFactory: (config: AppConfig, redis: RedisConnections) => (config.redis ? new RedisChannelStateBoard(redis) : new InProcessChannelStateBoard()),
  }],
  exports: [ChannelStateBoard],
})
export class ChannelStateModule {}
