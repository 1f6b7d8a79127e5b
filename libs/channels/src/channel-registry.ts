import { Injectable } from '@nestjs/common';
import { ChannelAdapter, ChannelHealth } from './channel-adapter';

/** The running adapters of this process, by channel id. */
@Injectable()
export class ChannelRegistry {
  private readonly adapters = new Map<string, ChannelAdapter>();
  private readonly failures = new Map<string, ChannelHealth>();

  register(adapter: ChannelAdapter): void {
    this.adapters.set(adapter.channelId, adapter);
    this.failures.delete(adapter.channelId);
  }

  /** Forgets a stopped adapter (its lease went to another process), unless a newer one took its place. */
  remove(channelId: string, adapter: ChannelAdapter): void {
    if (this.adapters.get(channelId) === adapter) this.adapters.delete(channelId);
  }

  /** Records a channel that could not even be built or started, so its reason still shows. */
  recordFailure(channelId: string, reason: string): void {
    this.failures.set(channelId, { state: 'error', reason, since: new Date() });
  }

  get(channelId: string): ChannelAdapter | undefined {
    return this.adapters.get(channelId);
  }

  all(): ChannelAdapter[] {
    return [...this.adapters.values()];
  }

  health(channelId: string): ChannelHealth | undefined {
    const adapter = this.adapters.get(channelId);
    if (!adapter) return this.failures.get(channelId);
    try {
      return adapter.health();
    } catch (err) {
      return { state: 'error', reason: (err as Error).message, since: new Date() };
    }
  }

  clear(): void {
    this.adapters.clear();
    this.failures.clear();
  }
}
