import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ChannelAdapter, ChannelRegistry } from '@app/channels';
import { OutboxService } from '@app/conversations';
import { APP_CONFIG, AppConfig, ChannelConfig } from '@app/platform/config';
import { Lease, Leases } from '@app/platform/leases/leases';
import { ChannelContexts, channelLeaseName } from '../channel-contexts';

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
    private readonly outbox: OutboxService,
  ) {}

  /** Waits for each channel's first try (in one process: every channel started), then keeps trying in the background. */
  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.config.channels.filter((c) => c.enabled).map((channel) => new Promise<void>((firstTryDone) => {
      this.loops.push(this.hold(channel, firstTryDone));
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

  private async hold(channel: ChannelConfig, firstTryDone: () => void): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      let lease: Lease | null = null;
      try {
        lease = await this.leases.tryAcquire(channelLeaseName(channel.id));
      } catch (err) {
        this.logger.warn(`channel ${channel.id}: could not ask for its lease: ${(err as Error).message}`);
      }
      if (lease) await this.runWhileHeld(channel, lease, firstTryDone);
      firstTryDone();
      if (!signal.aborted) await waitOrAbort(this.leases.retryMs, signal);
    }
  }

  private async runWhileHeld(channel: ChannelConfig, lease: Lease, started: () => void): Promise<void> {
    this.held.add(channel.id);
    const adapter = await this.start(channel).finally(started);
    await Promise.race([lease.lost, new Promise<void>((resolve) => this.stopping.signal.addEventListener('abort', () => resolve(), { once: true }))]);
    const lost = !this.stopping.signal.aborted;
    if (lost) this.logger.warn(`channel ${channel.id}: lease lost; stopping its connection until it is held again`);
    this.held.delete(channel.id);
    if (adapter) {
      this.registry.remove(channel.id, adapter);
      await adapter.stop().catch((err) => this.logger.warn(`channel ${channel.id} did not stop cleanly: ${err.message}`));
    }
    await lease.release().catch(() => undefined);
  }

  private async start(channel: ChannelConfig): Promise<ChannelAdapter | null> {
    let adapter: ChannelAdapter;
    try {
      adapter = this.contexts.build(channel);
    } catch (err) {
      this.registry.recordFailure(channel.id, (err as Error).message);
      return null;
    }
    // Whatever the previous holder was sending when it died goes back to the queue; nobody else sends these.
    const recovered = await this.outbox.recoverInFlight(channel.id).catch(() => 0);
    if (recovered) this.logger.warn(`channel ${channel.id}: ${recovered} outbox entries were mid-send at the last stop; sending them again`);
    this.registry.register(adapter);
    try {
      // An adapter keeps reconnecting by itself; a failure here is shown as the channel's state, and the rest runs on.
      await adapter.start(this.contexts.contextFor(channel));
      this.logger.log(`channel ${channel.id} (${channel.type}) held by this process`);
    } catch (err) {
      this.logger.error(`channel ${channel.id} (${channel.type}) failed to start: ${(err as Error).message}`);
    }
    return adapter;
  }
}

function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
