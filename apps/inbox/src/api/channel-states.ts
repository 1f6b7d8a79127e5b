import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ChannelRegistry } from '@app/channels';
import { APP_CONFIG, AppConfig, ChannelConfig } from '@app/platform/config';
import { LeaseOwner } from '@app/platform/leases/lease-key.util';
import { Leases, THIS_PROCESS } from '@app/platform/leases/leases';
import { channelLeaseName } from '../channel-contexts';
import { ChannelStateBoard } from '../channel-state/channel-state-board';
import { ChannelStateView, reportedStateView, sameProcess } from '../channel-state/channel-state-view.util';

/** A channel's state for the channels list, with the process holding its connection. */
export interface ChannelStateWithOwner extends ChannelStateView {
  /** The worker holding the channel's connection ({ host, pid }), or null while nobody does. */
  owner: LeaseOwner | null;
}

/**
 * The channels' connection states as any API process sees them: from this process's own adapter when it holds
 * the channel (one process), else from the report its holder left on the board (cluster), checked against who
 * holds the lease now, so a dead holder's last words are never shown as the present.
 */
@Injectable()
export class ChannelStates {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ChannelRegistry,
    private readonly leases: Leases,
    private readonly board: ChannelStateBoard,
  ) {}

  async of(channels: ChannelConfig[]): Promise<Map<string, ChannelStateWithOwner>> {
    const reports = await this.board.read(channels.filter((c) => c.enabled).map((c) => c.id));
    const states = await Promise.all(channels.map(async (c): Promise<ChannelStateWithOwner> => {
      if (!c.enabled) return { state: 'stopped', reason: 'disabled in configuration', since: null, reportedAt: null, owner: null };
      const owner = await this.leases.owner(channelLeaseName(c.id));
      const local = this.localHealth(c.id, owner);
      if (local) return { ...local, owner };
      if (this.board.shared) return { ...reportedStateView(reports.get(c.id) ?? null, owner), owner };
      // One process that does not run this channel (yet): the worker role is about to, the API role never will.
      return this.config.role === 'api'
        ? { state: 'unknown', reason: 'connections are held by a worker process', since: null, reportedAt: null, owner }
        : { state: 'connecting', reason: null, since: null, reportedAt: null, owner };
    }));
    return new Map(channels.map((c, i) => [c.id, states[i]]));
  }

  /** The code to draw as a QR for linking this WhatsApp Web channel; 404 when it has none, 409 when it waits for no scan. */
  async qrCodeOf(channelId: string): Promise<string> {
    const channel = this.config.channels.find((c) => c.id === channelId);
    if (!channel) throw new NotFoundException(`no channel ${channelId}`);
    const adapter = this.registry.get(channelId);
    if (adapter?.qrCode) {
      const code = adapter.qrCode();
      if (!code) throw new ConflictException(`channel ${channelId} is not waiting for a scan (state: ${adapter.health().state})`);
      return code;
    }
    if (!this.board.shared) throw new NotFoundException(`channel ${channelId} is not running here or is not linked by a QR code`);
    const [report, owner] = await Promise.all([
      this.board.read([channelId]).then((reports) => reports.get(channelId) ?? null),
      this.leases.owner(channelLeaseName(channelId)),
    ]);
    if (!report || !sameProcess(report.holder, owner)) {
      const view = reportedStateView(report, owner);
      throw new NotFoundException(`channel ${channelId} has no live holder reporting its state (${view.state}: ${view.reason})`);
    }
    if (!report.linksByQr) throw new NotFoundException(`channel ${channelId} is not linked by a QR code`);
    if (!report.qr) throw new ConflictException(`channel ${channelId} is not waiting for a scan (state: ${report.state})`);
    return report.qr;
  }

  /** This process's own adapter's health, when it is the one holding the channel. */
  private localHealth(channelId: string, owner: LeaseOwner | null): ChannelStateView | null {
    // In a cluster a failure recorded here may be from before the lease went elsewhere: only the holder's counts.
    if (this.board.shared && !sameProcess(owner, THIS_PROCESS)) return null;
    const health = this.registry.health(channelId);
    return health ? { state: health.state, reason: health.reason ?? null, since: health.since?.toISOString() ?? null, reportedAt: null } : null;
  }
}
