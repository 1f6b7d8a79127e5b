import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ChannelRegistry, OutboundFile, OutboundMessage, SendError } from '@app/channels';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { DomainEvents, OutboundJob, OutboxService } from '@app/conversations';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { MetricsService } from '@app/platform/metrics/metrics.service';
import { ChannelSupervisor } from './channel-supervisor';
import { retryDelayMs } from './retry-delay.util';

const BATCH = 50;

/**
 * Sends what the outbox holds through the adapters of the channels this process holds. Woken at once by new entries and by a
 * timer for retries; channels are sent in parallel, one channel's messages in order.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeAgain = false;
  private stopped = false;
  private offEnqueued: (() => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly registry: ChannelRegistry,
    private readonly events: DomainEvents,
    private readonly metrics: MetricsService,
    private readonly attachments: AttachmentStore,
    private readonly supervisor: ChannelSupervisor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.offEnqueued = this.events.on('outbox.enqueued', () => this.wake());
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.offEnqueued?.();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs a pass now, or right after the current one. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.running = this.pass()
      .catch((err) => this.logger.error(`outbox pass failed: ${err.message}`))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.config.outbox.pollMs);
        }
      });
  }

  private async pass(): Promise<void> {
    let claimed: OutboundJob[];
    do {
      // Only the channels this process holds: each channel's entries have one sender in the installation.
      claimed = await this.outbox.claimDue(BATCH, this.supervisor.heldChannelIds());
      const byChannel = new Map<string, OutboundJob[]>();
      for (const job of claimed) byChannel.set(job.entry.channelId, [...(byChannel.get(job.entry.channelId) ?? []), job]);
      await Promise.all([...byChannel.values()].map(async (jobs) => {
        for (const job of jobs) await this.send(job);
      }));
    } while (claimed.length === BATCH && !this.stopped);
  }

  private async send(job: OutboundJob): Promise<void> {
    const channelId = job.entry.channelId;
    const adapter = this.registry.get(channelId);
    const stopTimer = this.metrics.sendDuration.startTimer({ channel: channelId });
    try {
      if (!adapter) throw new SendError(`channel ${channelId} is not running in this process`);
      const result = await adapter.send(await this.outboundOf(job));
      await this.outbox.markSent(job, result);
      this.metrics.outboundSends.inc({ channel: channelId, result: 'sent' });
    } catch (err) {
      const attempt = job.entry.attempts + 1;
      const permanent = err instanceof SendError && err.options.permanent === true;
      const final = permanent || attempt >= this.config.outbox.maxAttempts;
      const reason = (err as Error).message || String(err);
      const retryInMs = retryDelayMs(attempt, this.config.outbox.retryBaseMs, this.config.outbox.retryMaxMs, err instanceof SendError ? err.options.retryAfterMs : undefined);
      await this.outbox.markFailed(job, reason, { final, retryInMs });
      this.metrics.outboundSends.inc({ channel: channelId, result: final ? 'failed' : 'retry' });
      this.logger.warn(`message ${job.message.id} on ${channelId}: attempt ${attempt} failed (${reason})${final ? ', giving up' : `, next in ${retryInMs} ms`}`);
    } finally {
      stopTimer();
    }
  }

  private async outboundOf(job: OutboundJob): Promise<OutboundMessage> {
    const files: OutboundFile[] = [];
    for (const a of job.message.attachments ?? []) {
      const data = a.storageKey ? await this.attachments.read(a.storageKey) : null;
      if (!data) throw new SendError(`the attached file ${a.name} is no longer stored`, { permanent: true });
      files.push({ name: a.name, contentType: a.contentType, data, storageKey: a.storageKey });
    }
    return {
      messageId: job.message.id,
      conversationId: job.conversation.id,
      to: { externalId: job.recipient.externalId, name: job.recipient.displayName },
      text: job.message.body,
      automatic: job.message.automatic,
      subject: job.conversation.subject,
      replyTo: job.lastInbound ? { externalId: job.lastInbound.externalId, meta: job.lastInbound.meta } : null,
      meta: job.message.meta,
      attachments: files,
    };
  }
}
