import type { ReportedChannelState } from './channel-state-board';
import { reportedStateView } from './channel-state-view.util';

const worker1 = { host: 'node-a', pid: 101 };
const worker2 = { host: 'node-b', pid: 101 };
const report: ReportedChannelState = {
  state: 'error', reason: 'Telegram answered 401: Unauthorized', since: '2026-11-30T10:00:00.000Z',
  qr: null, linksByQr: false, holder: worker1, reportedAt: '2026-11-30T10:00:01.000Z',
};

describe('reportedStateView', () => {
  it("shows the holder's report while it holds the lease", () => {
    expect(reportedStateView(report, { ...worker1 })).toEqual({
      state: 'error', reason: 'Telegram answered 401: Unauthorized', since: '2026-11-30T10:00:00.000Z', reportedAt: '2026-11-30T10:00:01.000Z',
    });
  });

  it('shows a channel nobody holds as unheld, naming the last report without claiming it', () => {
    const view = reportedStateView(report, null);
    expect(view).toMatchObject({ state: 'unheld', since: null });
    expect(view.reason).toBe('no worker holds this channel now; last reported error by node-a #101 at 2026-11-30T10:00:01.000Z');
    expect(reportedStateView(null, null)).toEqual({ state: 'unheld', reason: 'no worker holds this channel now', since: null, reportedAt: null });
  });

  it("does not pass off a former holder's report as the new holder's (same pid, other host)", () => {
    expect(reportedStateView(report, worker2)).toEqual({ state: 'unknown', reason: 'held by node-b #101, which has not reported its state (lately)', since: null, reportedAt: null });
  });

  it('shows a held channel whose report expired as unknown', () => {
    expect(reportedStateView(null, worker1)).toMatchObject({ state: 'unknown', reason: expect.stringContaining('node-a #101') });
  });
});
