import Bottleneck from 'bottleneck';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SendLimits {
  /** Minimum gap between two sends of the channel (the account-wide rate: 1000/30 for 30 a second). */
  channelIntervalMs: number;
  /**
   * Minimum gap between two sends to one recipient (Telegram: a second per chat), if the peer has such a rule.
   * Counted from the end of the previous send (its answer or failure), so the peer never sees two arrive closer.
   */
  recipientIntervalMs?: number;
}

/**
 * A channel's send rate limits, with bottleneck: one limiter for the account and one per recipient. The
 * account's limiter runs one send at a time, so a pause the peer asks for (a 429) holds every send behind it.
 * (Shared across processes later by giving bottleneck a Redis datastore; in one process memory is enough.)
 */
export class SendLimiter {
  private readonly channel: Bottleneck;
  /** One send at a time per recipient, its slot held for the interval after the send ended. */
  private readonly recipients: Bottleneck.Group | null;
  private pausedUntil = 0;
  private lastSendAt = 0;
  private readonly stopping = new AbortController();

  constructor(private readonly limits: SendLimits) {
    this.channel = new Bottleneck({ maxConcurrent: 1, minTime: limits.channelIntervalMs });
    this.recipients = limits.recipientIntervalMs ? new Bottleneck.Group({ maxConcurrent: 1 }) : null;
  }

  /** Runs `send` in the next slot allowed for the channel and the recipient. */
  schedule<T>(recipient: string, send: () => Promise<T>): Promise<T> {
    if (!this.recipients) return this.inChannel(send);
    const interval = this.limits.recipientIntervalMs!;
    const recipientSlot = this.recipients.key(recipient);
    return new Promise<T>((resolve, reject) => {
      recipientSlot.schedule(async () => {
        // Spaced from the end, not the start: a request that waited behind other chats' sends in the channel's slot, or
        // travelled slowly, still reached the peer before its answer came back, and the next one leaves a full interval after that.
        await this.inChannel(send).then(resolve, reject);
        await sleep(interval, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }).catch(reject); // dropped before it ran: the channel is stopping
    });
  }

  /** Runs `send` in the channel's next slot: one at a time, spaced by the channel's interval and any pause. */
  private inChannel<T>(send: () => Promise<T>): Promise<T> {
    return this.channel.schedule(async () => {
      // bottleneck spaces the jobs' planned starts; timers firing late can bring two actual starts closer, so the gap is checked here.
      const wait = Math.max(this.pausedUntil, this.lastSendAt + this.limits.channelIntervalMs) - Date.now();
      if (wait > 0) await sleep(wait, undefined, { signal: this.stopping.signal });
      this.lastSendAt = Date.now();
      return send();
    });
  }

  /** The peer said "too many requests": nothing goes out before `ms` have passed. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /** Drops what waits, a pause included (each waiting send rejects), when the channel stops. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.channel.stop({ dropWaitingJobs: true });
    for (const limiter of this.recipients?.limiters() ?? []) await limiter.limiter.stop({ dropWaitingJobs: true });
  }
}
