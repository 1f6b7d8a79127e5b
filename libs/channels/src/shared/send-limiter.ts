import Bottleneck from 'bottleneck';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SendLimits {
  /** Minimum gap between two sends of the channel (the account-wide rate: 1000/30 for 30 a second). */
  channelIntervalMs: number;
  /** Minimum gap between two sends to one recipient (Telegram: a second per chat), if the peer has such a rule. */
  recipientIntervalMs?: number;
}

/**
 * A channel's send rate limits, with bottleneck: one limiter for the account and one per recipient. The
 * account's limiter runs one send at a time, so a pause the peer asks for (a 429) holds every send behind it.
 * (Shared across processes later by giving bottleneck a Redis datastore; in one process memory is enough.)
 */
export class SendLimiter {
  private readonly channel: Bottleneck;
  private readonly recipients: Bottleneck.Group | null;
  private pausedUntil = 0;
  private lastSendAt = 0;
  private readonly stopping = new AbortController();

  constructor(private readonly limits: SendLimits) {
    this.channel = new Bottleneck({ maxConcurrent: 1, minTime: limits.channelIntervalMs });
    this.recipients = limits.recipientIntervalMs ? new Bottleneck.Group({ minTime: limits.recipientIntervalMs }) : null;
  }

  /** Runs `send` in the next slot allowed for the channel and the recipient. */
  schedule<T>(recipient: string, send: () => Promise<T>): Promise<T> {
    const inChannel = () => this.channel.schedule(async () => {
      // bottleneck spaces the jobs' planned starts; timers firing late can bring two actual starts closer, so the gap is checked here.
      const wait = Math.max(this.pausedUntil, this.lastSendAt + this.limits.channelIntervalMs) - Date.now();
      if (wait > 0) await sleep(wait, undefined, { signal: this.stopping.signal });
      this.lastSendAt = Date.now();
      return send();
    });
    return this.recipients ? this.recipients.key(recipient).schedule(inChannel) : inChannel();
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
