import type { LeaseOwner } from '@app/platform/leases/lease-key.util';
import type { ReportedChannelState } from './channel-state-board';

/** A channel's connection state as the API shows it. */
export interface ChannelStateView {
  state: string;
  reason: string | null;
  since: string | null;
  /** When the holder last reported it (cluster), or null when read from this process's own adapter. */
  reportedAt: string | null;
}

export const sameProcess = (a: LeaseOwner | null, b: LeaseOwner | null): boolean => !!a && !!b && a.host === b.host && a.pid === b.pid;

const describe = (owner: LeaseOwner): string => `${owner.host} #${owner.pid}`;

/**
 * What a channel held elsewhere in the cluster shows: its holder's report, believed only while the holder still
 * holds the lease (the lease ends with its holder's database session, so a killed worker's report stops counting
 * at once) and while the report is fresh (it expires unless repeated). A lease without a fresh report of its
 * holder is `unknown`; no lease at all is `unheld`.
 */
export function reportedStateView(report: ReportedChannelState | null, owner: LeaseOwner | null): ChannelStateView {
  if (!owner) {
    const last = report ? `; last reported ${report.state} by ${describe(report.holder)} at ${report.reportedAt}` : '';
    return { state: 'unheld', reason: `no worker holds this channel now${last}`, since: null, reportedAt: report?.reportedAt ?? null };
  }
  if (!report || !sameProcess(report.holder, owner)) {
    return { state: 'unknown', reason: `held by ${describe(owner)}, which has not reported its state (lately)`, since: null, reportedAt: null };
  }
  return { state: report.state, reason: report.reason, since: report.since, reportedAt: report.reportedAt };
}
