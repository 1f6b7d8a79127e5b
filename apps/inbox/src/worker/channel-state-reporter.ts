import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ChannelRegistry } from '@app/channels';
import { DomainEvents } from '@app/conversations';
import { THIS_PROCESS } from '@app/platform/leases/leases';
import { ChannelStateBoard, REPORT_EVERY_MS, ReportedChannelState } from '../channel-state/channel-state-board';
import { ChannelSupervisor } from './channel-supervisor';

/** How often the held adapters' health is looked at; a change reaches the board and the screens within this. */
const LOOK_EVERY_MS = 1000;

/**
 * Tells the installation how the channels held by this process are doing: on every change of an adapter's state
 * (or of the QR code it waits to have scanned) it writes the report to the board, read by every API process, and
 * pushes `channel.state` to the agents' screens; an unchanged report is repeated every REPORT_EVERY_MS so it
 * does not expire while this process holds the channel. Adapters keep their health to be asked, not announced,
 * so it is sampled: reading it costs nothing, and the same loop serves every channel type.
 */
@Injectable()
export class ChannelStateReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChannelStateReporter.name);
  /** Per held channel: what was last reported and when. */
  private readonly reported = new Map<string, { fingerprint: string; at: number }>();
  private timer: NodeJS.Timeout | null = null;
  private looking: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly supervisor: ChannelSupervisor,
    private readonly registry: ChannelRegistry,
    private readonly board: ChannelStateBoard,
    private readonly events: DomainEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.looking;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.looking = this.look()
        .catch((err: Error) => this.logger.warn(`channel states not reported: ${err.message}`))
        .finally(() => this.schedule(LOOK_EVERY_MS));
    }, delayMs);
  }

  private async look(): Promise<void> {
    const held = new Set(this.supervisor.heldChannelIds());
    // A channel that went to another process is that process's to report from now on.
    for (const channelId of this.reported.keys()) if (!held.has(channelId)) this.reported.delete(channelId);
    for (const channelId of held) {
      const report = this.reportOf(channelId);
      if (!report) continue;
      const fingerprint = JSON.stringify([report.state, report.reason, report.since, report.qr]);
      const last = this.reported.get(channelId);
      const changed = last?.fingerprint !== fingerprint;
      if (!changed && Date.now() - last.at < REPORT_EVERY_MS) continue;
      await this.board.report(channelId, report);
      this.reported.set(channelId, { fingerprint, at: Date.now() });
      if (changed) {
        this.events.emit('channel.state', { channelId, state: report.state, reason: report.reason, since: report.since, owner: report.holder });
      }
    }
  }

  private reportOf(channelId: string): ReportedChannelState | null {
    const health = this.registry.health(channelId);
    if (!health) return null;
    const adapter = this.registry.get(channelId);
    return {
      state: health.state,
      reason: health.reason ?? null,
      since: health.since?.toISOString() ?? null,
      qr: adapter?.qrCode?.() ?? null,
      linksByQr: typeof adapter?.qrCode === 'function',
      holder: THIS_PROCESS,
      reportedAt: new Date().toISOString(),
    };
  }
}
