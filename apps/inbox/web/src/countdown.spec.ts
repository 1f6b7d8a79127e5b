import { countdownAt } from './countdown';

const at = (iso: string) => Date.parse(iso);
const conversation = {
  dueAt: '2026-11-24T10:05:00.000Z',
  warnAt: '2026-11-24T10:04:00.000Z',
  firstResponseDueAt: '2026-11-24T10:05:00.000Z',
  nextResponseDueAt: null,
  resolutionDueAt: '2026-11-25T10:00:00.000Z',
  slaState: 'ok' as const,
};

describe('countdownAt', () => {
  it('is ok before the warning, amber from warnAt, red from dueAt', () => {
    expect(countdownAt(conversation, at('2026-11-24T10:00:00Z'))).toEqual({ urgency: 'ok', msLeft: 300_000, target: 'firstResponse' });
    expect(countdownAt(conversation, at('2026-11-24T10:03:59.999Z')).urgency).toBe('ok');
    expect(countdownAt(conversation, at('2026-11-24T10:04:00Z')).urgency).toBe('warning');
    expect(countdownAt(conversation, at('2026-11-24T10:04:59.999Z')).urgency).toBe('warning');
    expect(countdownAt(conversation, at('2026-11-24T10:05:00Z'))).toEqual({ urgency: 'breached', msLeft: 0, target: 'firstResponse' });
    expect(countdownAt(conversation, at('2026-11-24T10:06:00Z')).msLeft).toBe(-60_000);
  });

  it('trusts the server when it already said warning or breached (a clock behind the server)', () => {
    const early = at('2026-11-24T10:00:00Z');
    expect(countdownAt({ ...conversation, slaState: 'warning' }, early).urgency).toBe('warning');
    expect(countdownAt({ ...conversation, slaState: 'breached' }, early).urgency).toBe('breached');
  });

  it('has no countdown without a deadline, and names the target of the deadline', () => {
    expect(countdownAt({ dueAt: null, warnAt: null, slaState: 'ok' }, 0)).toEqual({ urgency: 'none', msLeft: null, target: null });
    expect(countdownAt({ dueAt: null, warnAt: null, slaState: 'breached' }, 0).urgency).toBe('breached');
    const next = { ...conversation, firstResponseDueAt: null, nextResponseDueAt: conversation.dueAt };
    expect(countdownAt(next, 0).target).toBe('nextResponse');
  });
});
