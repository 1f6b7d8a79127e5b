/**
 * Property tests for the reducer against a whole-history model: a deadline is the first moment
 * at which the clock's running time (open hours, minus pending periods when they pause) reaches
 * the target. The reducer gets there with O(1) bookkeeping per event; the model walks segments.
 */
import fc from 'fast-check';
import { addBusinessTime, businessTimeBetween, parseBusinessHours, type BusinessHours } from './business-hours';
import { applySlaEvent, computeDeadlines, initialSlaState, slaClockOf, slaDeadlines, storedSlaClock, type SlaEvent, type SlaTargets } from './sla-clock-state';

const M = 60_000;
const T0 = Date.UTC(2026, 0, 16, 12, 0); // a Friday, so weekends fall inside the generated spans
const moscow = parseBusinessHours(
  { timeZone: 'Europe/Moscow', weekly: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-13:00', '14:00-18:00'] }, holidays: ['2026-01-20'] },
  'h',
);
const newYork = parseBusinessHours({ timeZone: 'America/New_York', weekly: { sat: ['08:00-24:00'], sun: ['00:00-12:00'], mon: ['09:00-17:00'] } }, 'h');
const hoursByName: Record<string, BusinessHours> = { always: { kind: 'always' }, moscow, newYork };

const eventArb = fc.oneof(
  fc.constant({ type: 'inbound' as const }),
  fc.constant({ type: 'reply' as const }),
  fc.constantFrom('open', 'pending', 'snoozed', 'resolved').map((status) => ({ type: 'status' as const, status })),
);
const eventsArb = fc
  .tuple(fc.constantFrom(0, 50 * 24 * 60), fc.array(fc.tuple(fc.integer({ min: 0, max: 2 * 24 * 60 }), eventArb), { minLength: 1, maxLength: 12 }))
  .map(([startMinute, steps]) => {
    let t = T0 + startMinute * M; // also start on 2026-03-07, the weekend US clocks go forward
    return steps.map(([gap, e]) => ({ ...e, at: new Date((t += gap * M)) }) as SlaEvent);
  });
const targetsArb = fc.record({
  firstResponse: fc.integer({ min: 1, max: 24 * 60 }).map((m) => m * M),
  nextResponse: fc.integer({ min: 1, max: 24 * 60 }).map((m) => m * M),
  resolution: fc.option(fc.integer({ min: 1, max: 72 * 60 }).map((m) => m * M), { nil: undefined }),
  warnAt: fc.constantFrom(0.25, 0.5, 0.8, 1),
  pauseWhilePending: fc.boolean(),
  businessHours: fc.constantFrom(...Object.keys(hoursByName)).map((name) => hoursByName[name]),
});

/** Pending or snoozed periods [from, to) in event order; the customer writing or any other status ends one. */
function pendingPeriods(events: SlaEvent[]): Array<[number, number]> {
  const periods: Array<[number, number]> = [];
  let since: number | null = null;
  for (const e of events) {
    const t = e.at.getTime();
    const pending = e.type === 'status' ? e.status === 'pending' || e.status === 'snoozed' : e.type === 'inbound' ? false : since !== null;
    if (pending && since === null) since = t;
    if (!pending && since !== null) {
      periods.push([since, t]);
      since = null;
    }
  }
  return periods;
}

/** First moment at which `target` of running time has elapsed since `since`, skipping `paused`. */
function modelDue(since: number, target: number, paused: Array<[number, number]>, hours: BusinessHours): number {
  let cursor = since;
  let remaining = target;
  for (const [from, to] of paused) {
    if (to <= cursor) continue;
    const run = businessTimeBetween(new Date(cursor), new Date(from), hours);
    if (from > cursor && run >= remaining) break;
    remaining -= Math.max(0, run);
    cursor = Math.max(cursor, to);
  }
  return addBusinessTime(new Date(cursor), remaining, hours).getTime();
}

describe('SLA clock properties', () => {
  it('incremental application through JSON equals the fold, and never mutates its input', () => {
    fc.assert(
      fc.property(eventsArb, targetsArb, (events, targets: SlaTargets) => {
        let state = initialSlaState();
        for (const e of events) {
          const before = JSON.stringify(state);
          const next = applySlaEvent(state, e, targets);
          expect(JSON.stringify(state)).toBe(before);
          // Through the row as it is stored: without its default fields.
          state = slaClockOf(JSON.parse(JSON.stringify(storedSlaClock(next))));
          expect(state).toEqual(next);
        }
        expect(slaDeadlines(state, targets)).toEqual(computeDeadlines(events, targets));
      }),
      { numRuns: 200 },
    );
  });

  it('due and warning times match the whole-history model', () => {
    fc.assert(
      fc.property(eventsArb, targetsArb, (events, targets: SlaTargets) => {
        const state = events.reduce((s, e) => applySlaEvent(s, e, targets), initialSlaState());
        const due = slaDeadlines(state, targets);
        if (state.status === 'resolved' || ((state.status === 'pending' || state.status === 'snoozed') && targets.pauseWhilePending)) {
          expect([due.dueAt, due.warnAt, due.firstResponseDueAt, due.nextResponseDueAt, due.resolutionDueAt]).toEqual([null, null, null, null, null]);
          return;
        }
        const paused = targets.pauseWhilePending ? pendingPeriods(events) : [];
        const hours = targets.businessHours;
        const live: Array<[string, number, number]> = [];
        if (state.waitingSince !== null) {
          const name = state.firstRespondedAt === null ? 'firstResponse' : 'nextResponse';
          live.push([name, state.waitingSince, name === 'firstResponse' ? targets.firstResponse : targets.nextResponse]);
        }
        if (state.resolutionSince !== null && targets.resolution !== undefined) live.push(['resolution', state.resolutionSince, targets.resolution]);
        for (const [name, since, target] of live) {
          expect(due[`${name}DueAt` as 'dueAt']?.getTime()).toBe(modelDue(since, target, paused, hours));
        }
        const earliest = live.map(([, since, target]) => modelDue(since, target, paused, hours)).reduce((a, b) => Math.min(a, b), Infinity);
        expect(due.dueAt?.getTime() ?? Infinity).toBe(earliest);
        const chosen = live.find(([name]) => name === due.dueTarget);
        if (chosen) {
          const warnTarget = Math.round(chosen[2] * targets.warnAt);
          expect(due.warnAt?.getTime()).toBe(modelDue(chosen[1], warnTarget, paused, hours));
        }
      }),
      { numRuns: 400 },
    );
  });
});
