import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ChannelAdapter, ChannelRegistry } from '@app/channels';
import { APP_CONFIG, AppConfig, ChannelConfig } from '@app/platform/config';
import { Leases } from '@app/platform/leases/leases';
import { ChannelContexts, channelLeaseName } from '../channel-contexts';
import { holdLease } from './hold-lease';

/**
 * Owns this process's live channel connections. Each enabled channel is held under a lease, so in a cluster
 * exactly one worker polls a bot, idles on a mailbox or runs a WhatsApp session, and sends its outbox (one
 * sender, so the channel's rate limit holds cluster-wide). A worker that cannot take a lease asks again every
 * few seconds; when the holder dies its lease ends with its database session and the next asker takes over,
 * resuming from the cursors stored in the database. A worker that loses a lease stops that connection.
 */
@Injectable()
export class ChannelSupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChannelSupervisor.name);
  private readonly stopping = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly held = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ChannelRegistry,
    private readonly leases: Leases,
    private readonly contexts: ChannelContexts,
  ) {}

  /** Waits for each channel's first try (in one process: every channel started), then keeps trying in the background. */
  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.config.channels.filter((c) => c.enabled).map((channel) => new Promise<void>((firstTryDone) => {
      this.loops.push(holdLease(this.leases, channelLeaseName(channel.id), this.stopping.signal, () => this.start(channel), this.logger, firstTryDone));
    })));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.loops);
    this.registry.clear();
  }

  /** Channels whose lease this process holds: the relay sends only theirs. */
  heldChannelIds(): string[] {
    return [...this.held];
  }

  /** Starts the channel's connection now that this process holds it; returns how to stop it. */
  private async start(channel: ChannelConfig): Promise<() => Promise<void>> {
    let adapter: ChannelAdapter;
    try {
      adapter = this.contexts.build(channel);
    } catch (err) {
      this.registry.recordFailure(channel.id, (err as Error).message);
      this.held.add(channel.id);
      return async () => void this.held.delete(channel.id);
    }
    // The relay claims this channel's entries from now on, including those a dead holder's claim left behind.
    this.held.add(channel.id);
    this.registry.register(adapter);
    try {
      // An adapter keeps reconnecting by itself; a failure here is shown as the channel's state, and the rest runs on.
      await adapter.start(this.contexts.contextFor(channel));
      this.logger.log(`channel ${channel.id} (${channel.type}) held by this process`);
    } catch (err) {
      this.logger.error(`channel ${channel.id} (${channel.type}) failed to start: ${(err as Error).message}`);
    }
    return async () => {
      this.held.delete(channel.id);
      this.registry.remove(channel.id, adapter);
      await adapter.stop();
    };
  }
}
