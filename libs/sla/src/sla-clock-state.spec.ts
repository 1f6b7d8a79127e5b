import { parseBusinessHours, type BusinessHours } from './business-hours';
import { applySlaEvent, computeDeadlines, initialSlaState, slaClockOf, slaDeadlines, storedSlaClock, type SlaEvent, type SlaTargets } from './sla-clock-state';

const H = 3_600_000;
const M = 60_000;
const d = (iso: string) => new Date(iso);
const inbound = (iso: string): SlaEvent => ({ type: 'inbound', at: d(iso) });
const reply = (iso: string): SlaEvent => ({ type: 'reply', at: d(iso) });
const status = (iso: string, s: 'open' | 'pending' | 'snoozed' | 'resolved'): SlaEvent => ({ type: 'status', at: d(iso), status: s });

const weekdays = (timeZone: string, range: string, holidays: string[] = []) =>
  parseBusinessHours({ timeZone, weekly: { mon: [range], tue: [range], wed: [range], thu: [range], fri: [range] }, holidays }, 'h');
const moscow = weekdays('Europe/Moscow', '09:00-18:00');
const always: BusinessHours = { kind: 'always' };
const targets = (over: Partial<SlaTargets> = {}): SlaTargets => ({
  firstResponse: H,
  nextResponse: 4 * H,
  warnAt: 0.8,
  pauseWhilePending: true,
  businessHours: moscow,
  ...over,
});

describe('first response', () => {
  it('a message at 17:59 on Friday with a 1h target is due Monday 09:59 Moscow time', () => {
    const due = computeDeadlines([inbound('2026-01-16T17:59:00+03:00')], targets());
    expect(due.firstResponseDueAt).toEqual(d('2026-01-19T09:59:00+03:00'));
    expect(due.dueAt).toEqual(d('2026-01-19T09:59:00+03:00'));
    expect(due.dueTarget).toBe('firstResponse');
    expect(due.nextResponseDueAt).toBeNull();
    expect(due.firstRespondedAt).toBeNull();
  });

  it('warns at 80 % of the target in business time (48 of 60 minutes)', () => {
    expect(computeDeadlines([inbound('2026-01-16T17:59:00+03:00')], targets()).warnAt).toEqual(d('2026-01-19T09:47:00+03:00'));
    expect(computeDeadlines([inbound('2026-01-16T12:00:00Z')], targets({ businessHours: always, firstResponse: 10 * H })).warnAt).toEqual(
      d('2026-01-16T20:00:00Z'),
    );
  });

  it('skips a holiday in the middle', () => {
    const hours = weekdays('Europe/Moscow', '09:00-18:00', ['2026-01-21']);
    const due = computeDeadlines([inbound('2026-01-20T16:00:00+03:00')], targets({ firstResponse: 4 * H, businessHours: hours }));
    expect(due.firstResponseDueAt).toEqual(d('2026-01-22T11:00:00+03:00'));
  });

  it('is exact across the America/New_York spring-forward weekend (12h email target)', () => {
    const due = computeDeadlines([inbound('2026-03-06T16:30:00-05:00')], targets({ firstResponse: 12 * H, businessHours: weekdays('America/New_York', '09:00-17:00') }));
    expect(due.firstResponseDueAt).toEqual(d('2026-03-10T12:30:00-04:00'));
    expect(due.warnAt).toEqual(d('2026-03-10T10:06:00-04:00')); // 9h36m
  });

  it('counts a 12h email target around the clock when always open', () => {
    const due = computeDeadlines([inbound('2026-01-16T20:00:00Z')], targets({ firstResponse: 12 * H, businessHours: always }));
    expect(due.firstResponseDueAt).toEqual(d('2026-01-17T08:00:00Z'));
  });

  it('a reply before the due time clears the deadline and records firstRespondedAt', () => {
    const due = computeDeadlines([inbound('2026-01-19T10:00:00+03:00'), reply('2026-01-19T10:20:00+03:00')], targets());
    expect(due).toEqual({
      firstResponseDueAt: null,
      nextResponseDueAt: null,
      resolutionDueAt: null,
      firstRespondedAt: d('2026-01-19T10:20:00+03:00'),
      dueAt: null,
      warnAt: null,
      dueTarget: null,
    });
  });

  it('an agent message with nobody waiting starts nothing', () => {
    expect(computeDeadlines([reply('2026-01-19T10:00:00Z')], targets()).dueAt).toBeNull();
  });
});

describe('always-open chat with 5m / 10m targets', () => {
  const chat = targets({ firstResponse: 5 * M, nextResponse: 10 * M, businessHours: always });

  it('runs first response, then next response from the first unanswered customer message', () => {
    const events = [inbound('2026-01-17T23:58:00Z'), reply('2026-01-18T00:01:00Z')];
    expect(computeDeadlines(events.slice(0, 1), chat)).toMatchObject({ dueAt: d('2026-01-18T00:03:00Z'), warnAt: d('2026-01-18T00:02:00Z') });
    expect(computeDeadlines(events, chat).dueAt).toBeNull();

    events.push(inbound('2026-01-18T00:20:00Z'), inbound('2026-01-18T00:25:00Z')); // the follow-up does not restart it
    expect(computeDeadlines(events, chat)).toMatchObject({
      firstResponseDueAt: null,
      nextResponseDueAt: d('2026-01-18T00:30:00Z'),
      dueTarget: 'nextResponse',
      warnAt: d('2026-01-18T00:28:00Z'),
      firstRespondedAt: d('2026-01-18T00:01:00Z'),
    });
    events.push(reply('2026-01-18T00:29:00Z'));
    expect(computeDeadlines(events, chat).nextResponseDueAt).toBeNull();
  });
});

describe('pending pauses the clocks', () => {
  // Next response started Friday 16:00 with 4h: 2h ran on Friday before it went pending at 17:00.
  const events = [
    inbound('2026-01-19T10:00:00+03:00'),
    reply('2026-01-19T10:30:00+03:00'),
    inbound('2026-01-23T16:00:00+03:00'),
    status('2026-01-23T17:00:00+03:00', 'pending'),
    status('2026-01-26T11:00:00+03:00', 'open'),
  ];

  it('has no live due dates while pending', () => {
    const due = computeDeadlines(events.slice(0, 4), targets());
    expect([due.dueAt, due.nextResponseDueAt, due.warnAt]).toEqual([null, null, null]);
    expect(due.firstRespondedAt).toEqual(d('2026-01-19T10:30:00+03:00'));
  });

  it('adds only the business hours of a pending period across a weekend', () => {
    // Pending Fri 17:00 → Mon 11:00 holds 3 business hours (Fri 17–18, Mon 09–11).
    const due = computeDeadlines(events, targets());
    expect(due.nextResponseDueAt).toEqual(d('2026-01-26T14:00:00+03:00'));
    expect(due.warnAt).toEqual(d('2026-01-26T13:12:00+03:00')); // 3h12m of running time
  });

  it('does not pause when the policy says so', () => {
    const expected = d('2026-01-26T11:00:00+03:00');
    expect(computeDeadlines(events.slice(0, 4), targets({ pauseWhilePending: false })).nextResponseDueAt).toEqual(expected);
    expect(computeDeadlines(events, targets({ pauseWhilePending: false })).nextResponseDueAt).toEqual(expected);
  });

  it('pauses while snoozed as while pending, and a customer message ends the snooze\'s pause', () => {
    const snoozed = events.map((e) => (e.type === 'status' && e.status === 'pending' ? { ...e, status: 'snoozed' as const } : e));
    expect(computeDeadlines(snoozed.slice(0, 4), targets()).dueAt).toBeNull();
    expect(computeDeadlines(snoozed, targets()).nextResponseDueAt).toEqual(d('2026-01-26T14:00:00+03:00'));
    expect(computeDeadlines([...snoozed.slice(0, 4), inbound('2026-01-26T10:00:00+03:00')], targets()).nextResponseDueAt).toEqual(d('2026-01-26T13:00:00+03:00'));
  });

  it('keeps one pause across pending then snoozed', () => {
    const both = [...events.slice(0, 4), status('2026-01-23T17:30:00+03:00', 'snoozed'), status('2026-01-26T11:00:00+03:00', 'open')];
    expect(computeDeadlines(both, targets()).nextResponseDueAt).toEqual(d('2026-01-26T14:00:00+03:00'));
  });

  it('ends the pause when the customer writes while pending', () => {
    const due = computeDeadlines([...events.slice(0, 4), inbound('2026-01-26T10:00:00+03:00')], targets());
    expect(due.nextResponseDueAt).toEqual(d('2026-01-26T13:00:00+03:00')); // 2h paused
  });

  it('does not move a deadline that had already passed when the pause began', () => {
    const late = [inbound('2026-01-19T10:00:00+03:00'), status('2026-01-19T12:00:00+03:00', 'pending'), status('2026-01-20T12:00:00+03:00', 'open')];
    expect(computeDeadlines(late, targets()).firstResponseDueAt).toEqual(d('2026-01-19T11:00:00+03:00'));
    expect(computeDeadlines(late, targets()).warnAt).toEqual(d('2026-01-19T10:48:00+03:00'));
  });
});

describe('resolution', () => {
  const withResolution = targets({ resolution: 2 * 9 * H });

  it('runs from the first inbound message, pauses while pending and stops when resolved', () => {
    const events = [inbound('2026-01-19T10:00:00+03:00'), reply('2026-01-19T10:10:00+03:00')];
    expect(computeDeadlines(events, withResolution)).toMatchObject({ resolutionDueAt: d('2026-01-21T10:00:00+03:00'), dueTarget: 'resolution' });
    events.push(status('2026-01-19T12:00:00+03:00', 'pending'), status('2026-01-20T12:00:00+03:00', 'open'));
    expect(computeDeadlines(events, withResolution).resolutionDueAt).toEqual(d('2026-01-22T10:00:00+03:00'));
    events.push(status('2026-01-20T13:00:00+03:00', 'resolved'));
    expect(computeDeadlines(events, withResolution)).toMatchObject({ dueAt: null, resolutionDueAt: null, warnAt: null, dueTarget: null });
  });

  it('reports the earliest live deadline, preferring the response target on a tie', () => {
    const due = computeDeadlines([inbound('2026-01-19T10:00:00+03:00')], targets({ resolution: H }));
    expect(due).toMatchObject({ firstResponseDueAt: d('2026-01-19T11:00:00+03:00'), resolutionDueAt: d('2026-01-19T11:00:00+03:00'), dueTarget: 'firstResponse' });
  });
});

describe('reopening', () => {
  const withResolution = targets({ resolution: 9 * H });

  it('a customer message after resolved reopens with a next-response target and a fresh resolution clock', () => {
    const events = [inbound('2026-01-19T10:00:00+03:00'), reply('2026-01-19T10:10:00+03:00'), status('2026-01-19T11:00:00+03:00', 'resolved'), inbound('2026-01-20T10:00:00+03:00')];
    expect(computeDeadlines(events, withResolution)).toMatchObject({
      firstResponseDueAt: null,
      firstRespondedAt: d('2026-01-19T10:10:00+03:00'),
      nextResponseDueAt: d('2026-01-20T14:00:00+03:00'),
      resolutionDueAt: d('2026-01-21T10:00:00+03:00'),
      dueTarget: 'nextResponse',
    });
  });

  it('restarts the first-response clock if the conversation was resolved without any reply', () => {
    const events = [inbound('2026-01-19T10:00:00+03:00'), status('2026-01-19T10:05:00+03:00', 'resolved'), inbound('2026-01-20T10:00:00+03:00')];
    expect(computeDeadlines(events, targets())).toMatchObject({ firstResponseDueAt: d('2026-01-20T11:00:00+03:00'), dueTarget: 'firstResponse' });
  });

  it('an agent reopening starts resolution but no response clock', () => {
    const events = [inbound('2026-01-19T10:00:00+03:00'), reply('2026-01-19T10:10:00+03:00'), status('2026-01-19T11:00:00+03:00', 'resolved'), status('2026-01-20T10:00:00+03:00', 'open')];
    expect(computeDeadlines(events, withResolution)).toMatchObject({ nextResponseDueAt: null, resolutionDueAt: d('2026-01-21T10:00:00+03:00'), dueTarget: 'resolution' });
  });
});

describe('state handling', () => {
  it('is stored without the fields still at their initial value, and read back whole (old rows stored every field)', () => {
    const state = applySlaEvent(initialSlaState(), inbound('2026-01-14T10:00:00+03:00'), targets());
    const at = d('2026-01-14T10:00:00+03:00').getTime();
    expect(storedSlaClock(state)).toEqual({ version: 1, firstInboundAt: at, firstResponseSince: at, waitingSince: at, resolutionSince: at });
    expect(slaClockOf(storedSlaClock(state))).toEqual(state);
    expect(slaClockOf(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(slaClockOf(null)).toEqual(initialSlaState());
  });

  it('is plain JSON, never mutated, and incremental application equals the fold', () => {
    const events = [inbound('2026-01-16T17:59:00+03:00'), status('2026-01-16T17:59:30+03:00', 'pending'), inbound('2026-01-19T09:30:00+03:00')];
    let state = initialSlaState();
    for (const event of events) {
      const frozen = Object.freeze(state);
      state = JSON.parse(JSON.stringify(applySlaEvent(frozen, event, targets())));
    }
    expect(Object.values(state).every((v) => v === null || ['number', 'string'].includes(typeof v))).toBe(true);
    expect(slaDeadlines(state, targets())).toEqual(computeDeadlines(events, targets()));
    expect(computeDeadlines([...events].reverse(), targets())).toEqual(computeDeadlines(events, targets()));
  });

  it('rejects invalid dates and targets', () => {
    expect(() => applySlaEvent(initialSlaState(), inbound('nope'), targets())).toThrow('valid Date');
    expect(() => computeDeadlines([], targets({ firstResponse: 0 }))).toThrow('firstResponse must be a positive number');
    expect(() => computeDeadlines([], targets({ warnAt: Number.NaN }))).toThrow('warnAt must be a fraction');
  });
});
