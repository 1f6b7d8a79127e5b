import { hostname } from 'node:os';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Choice, ChannelRegistry, ChannelTypeCatalog, OutboundFile, OutboundMessage, SendError } from '@app/channels';
import { choicesAsText, drawnChoices } from '@app/platform/contracts/choices.util';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';
import { DomainEvents, OutboundJob, OutboxService } from '@app/conversations';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { isDatabaseBusy } from '@app/platform/database/database-busy.util';
import { JobQueues } from '@app/platform/jobs/job-queues';
import { MetricsService } from '@app/platform/metrics/metrics.service';
import { choiceLinkKey } from '../choice-link-key';
import { signChoiceToken } from '../choice-links.util';
import { ChannelSupervisor } from './channel-supervisor';
import { retryDelayMs } from './retry-delay.util';

const BATCH = 50;
/** Cluster mode: rows scheduled as jobs per pass; the next pass takes the rest. */
const SWEEP_LIMIT = 500;
const outboxQueue = (channelId: string) => `outbox.${channelId}`;
/** A row given back because the database was busy is tried again after this long (no attempt counted). */
const BUSY_RETRY_MS = 200;

/**
 * Sends what the outbox holds through the adapters of the channels this process holds. Woken at once by new entries and by a
 * timer for retries; channels are sent in parallel, one channel's messages in order. Rows are claimed with a
 * lease this relay renews while it sends; a pass also takes rows whose owner's lease ran out (it died), and
 * nothing at start resets rows other processes may be sending.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeAgain = false;
  private stopped = false;
  private offEnqueued: (() => void) | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  /** Cluster mode: the job queues of held channels this process consumes, with how to stop each. */
  private readonly consumers = new Map<string, () => Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly registry: ChannelRegistry,
    private readonly events: DomainEvents,
    private readonly metrics: MetricsService,
    private readonly attachments: AttachmentStore,
    private readonly supervisor: ChannelSupervisor,
    private readonly jobs: JobQueues,
    private readonly channelTypes: ChannelTypeCatalog,
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
    await Promise.all([...this.consumers.values()].map((stop) => stop().catch(() => undefined)));
    this.consumers.clear();
    this.stopRenewing();
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
    if (this.config.redis) return this.scheduleJobs();
    let claimed: OutboundJob[];
    do {
      // Only the channels this process holds: each channel's entries have one sender in the installation.
      claimed = await this.outbox.claimDue(BATCH, this.supervisor.heldChannelIds());
      if (!claimed.length) break;
      this.holding(claimed.length);
      try {
        const byChannel = new Map<string, OutboundJob[]>();
        for (const job of claimed) byChannel.set(job.entry.channelId, [...(byChannel.get(job.entry.channelId) ?? []), job]);
        await Promise.all([...byChannel.values()].map(async (jobs) => {
          for (const job of jobs) await this.sendOrRelease(job);
        }));
      } finally {
        this.holding(-claimed.length);
      }
    } while (claimed.length === BATCH && !this.stopped);
  }

  /**
   * Cluster mode: every waiting row of the channels this process holds becomes a BullMQ job keyed by the row
   * and its attempt (a repeat adds nothing), due at the row's next attempt; the held channels' queues are
   * consumed here, one job at a time per channel. This pass is also the sweep: a row whose job was lost (Redis
   * flushed, a crash between commit and enqueue) is scheduled again at the next pass.
   */
  private async scheduleJobs(): Promise<void> {
    const held = this.supervisor.heldChannelIds();
    for (const [channelId, stop] of this.consumers) {
      if (held.includes(channelId)) continue;
      this.consumers.delete(channelId);
      await stop();
    }
    for (const channelId of held) {
      if (!this.consumers.has(channelId)) this.consumers.set(channelId, await this.jobs.consume(outboxQueue(channelId), (data) => this.sendById(Number(data.id))));
    }
    for (const row of await this.outbox.waiting(held, SWEEP_LIMIT)) {
      await this.jobs.add(outboxQueue(row.channelId), `entry-${row.id}-${row.attempts}`, { id: row.id }, row.dueAt);
    }
  }

  /** One job: claims its row (nothing if it is sent, not due, or held by another) and sends it. */
  private async sendById(id: number): Promise<void> {
    if (this.stopped) return;
    const job = await this.outbox.claimById(id);
    if (!job) return;
    this.holding(1);
    try {
      await this.send(job);
    } finally {
      this.holding(-1);
    }
  }

  /** Keeps this relay's claims alive while it holds any: a long send (a 429 waited out, a large file) never loses its row. */
  private holding(delta: number): void {
    this.inFlight += delta;
    if (this.inFlight > 0 && !this.renewTimer) {
      this.renewTimer = setInterval(() => void this.outbox.renewClaims().catch((err) => {
        this.logger.warn(`could not renew outbox claims: ${err.message}`);
      }), Math.max(100, Math.floor(this.config.outbox.claimLeaseMs / 3)));
    } else if (this.inFlight <= 0) {
      this.stopRenewing();
    }
  }

  private stopRenewing(): void {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }

  /** A claimed row not started before a stop goes back at once, for another process or the next start. */
  private async sendOrRelease(job: OutboundJob): Promise<void> {
    if (this.stopped) {
      await this.outbox.release(job, 0).catch((err) => this.logger.warn(`could not release outbox entry ${job.entry.id}: ${err.message}`));
      return;
    }
    await this.send(job);
  }

  private async send(job: OutboundJob): Promise<void> {
    const channelId = job.entry.channelId;
    const adapter = this.registry.get(channelId);
    const stopTimer = this.metrics.sendDuration.startTimer({ channel: channelId });
    let delivered = false;
    try {
      if (!adapter) throw new SendError(`channel ${channelId} is not running in this process`);
      const result = await adapter.send(await this.outboundOf(job));
      delivered = true;
      await this.outbox.markSent(job, result);
      this.metrics.outboundSends.inc({ channel: channelId, result: 'sent' });
    } catch (err) {
      if (delivered) {
        // Sent, but not recorded: the claim runs out and the row is sent again (at least once beats lost).
        this.logger.error(`message ${job.message.id} on ${channelId} was sent but could not be recorded: ${(err as Error).message}`);
        return;
      }
      if (isDatabaseBusy(err)) {
        // Contention on the database is not the send's fault: the row goes back untried.
        await this.outbox.release(job, BUSY_RETRY_MS);
        this.logger.warn(`message ${job.message.id} on ${channelId}: the database was busy; trying again without counting an attempt`);
        return;
      }
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

  /** One-click links to the rating page (GET /choices/:token), signed with the key in DATA_DIR. */
  private linksOf(messageId: number, choices: Choice[]): { label: string; url: string }[] {
    const base = this.config.publicUrl!.endsWith('/') ? this.config.publicUrl! : `${this.config.publicUrl}/`;
    const key = choiceLinkKey(this.config.dataDir);
    return choices.map((c) => ({ label: c.label, url: new URL(`choices/${signChoiceToken(key, messageId, c.id)}`, base).toString() }));
  }

  private async outboundOf(job: OutboundJob): Promise<OutboundMessage> {
    const files: OutboundFile[] = [];
    for (const a of job.message.attachments ?? []) {
      const data = a.storageKey ? await this.attachments.read(a.storageKey) : null;
      // In a cluster an API process stored the file: a worker that cannot see it says where to look.
      if (!data) throw new SendError(`the attached file ${a.name} cannot be read from DATA_DIR on this process (${hostname()}, pid ${process.pid}): it was removed, or DATA_DIR is not one volume shared by every process`, { permanent: true });
      files.push({ name: a.name, contentType: a.contentType, data, storageKey: a.storageKey });
    }
    const drawn = drawnChoices(job.message.choices ?? []);
    const choices = drawn.length ? drawn : undefined;
    const channel = this.config.channels.find((c) => c.id === job.entry.channelId);
    const shownAs = channel ? this.channelTypes.capabilitiesOf(channel)?.choices : undefined;
    const asButtons = shownAs === 'buttons';
    const choiceLinks = choices && shownAs === 'links' && this.config.publicUrl ? this.linksOf(job.message.id, choices) : undefined;
    return {
      messageId: job.message.id,
      conversationId: job.conversation.id,
      to: { externalId: job.recipient.externalId, name: job.recipient.displayName },
      // A channel without buttons gets numbered lines; ingest reads a reply of the number (or label) back as the choice.
      text: choices && !asButtons && !choiceLinks ? choicesAsText(job.message.body, choices) : job.message.body,
      ...(choices && asButtons ? { choices } : {}),
      ...(choiceLinks ? { choiceLinks } : {}),
      automatic: job.message.automatic,
      subject: job.conversation.subject,
      replyTo: job.lastInbound ? { externalId: job.lastInbound.externalId, meta: job.lastInbound.meta } : null,
      meta: job.message.meta,
      attachments: files,
    };
  }
}
