/**
 * Property tests: the interval arithmetic must agree with itself (round trips, additivity) and
 * with a naive oracle that reads the wall clock through Intl minute by minute.
 */
import fc from 'fast-check';
import { addBusinessTime, businessTimeBetween, isOpen, nextOpening, parseBusinessHours, type BusinessHours } from './business-hours';

const M = 60_000;
const H = 60 * M;

const schedules: Record<string, BusinessHours> = {
  always: { kind: 'always' },
  moscowOffice: parseBusinessHours(
    { timeZone: 'Europe/Moscow', weekly: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'] }, holidays: ['2026-01-07', '2026-03-09'] },
    'h',
  ),
  // Boundaries inside the skipped (02:00-03:00 in March) and repeated (01:00-02:00 in November) hours.
  newYorkNights: parseBusinessHours(
    { timeZone: 'America/New_York', weekly: { sat: ['20:00-24:00'], sun: ['00:00-01:30', '02:15-03:00', '12:00-13:00'], mon: ['09:00-17:00'] }, holidays: ['2026-11-02'] },
    'h',
  ),
  berlinSplit: parseBusinessHours(
    { timeZone: 'Europe/Berlin', weekly: { fri: ['08:00-12:00', '13:00-17:30'], sat: ['22:00-24:00'], sun: ['00:00-02:30', '03:00-03:15'] }, holidays: ['2026-04-03'] },
    'h',
  ),
  aucklandHalfDays: parseBusinessHours({ timeZone: 'Pacific/Auckland', weekly: { sun: ['01:00-04:00'], wed: ['12:00-12:01'] } }, 'h'),
};

const scheduleName = fc.constantFrom(...Object.keys(schedules));
// Around the 2026 DST changes in the US, Europe and New Zealand, to the millisecond.
const instant = fc
  .oneof(
    fc.integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 3, 15) }),
    fc.integer({ min: Date.UTC(2026, 8, 20), max: Date.UTC(2026, 10, 15) }),
  )
  .map((t) => new Date(t));
const amount = fc.oneof(fc.integer({ min: 0, max: 3 * H }), fc.integer({ min: 0, max: 60 * H }));

describe('business time properties', () => {
  it('round trip: businessTimeBetween(start, addBusinessTime(start, ms)) === ms', () => {
    fc.assert(
      fc.property(scheduleName, instant, amount, (name, start, ms) => {
        const hours = schedules[name];
        const end = addBusinessTime(start, ms, hours);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(businessTimeBetween(start, end, hours)).toBe(ms);
      }),
      { numRuns: 300 },
    );
  });

  it('the deadline is reached inside open time: the millisecond before it is open', () => {
    fc.assert(
      fc.property(scheduleName, instant, fc.integer({ min: 1, max: 40 * H }), (name, start, ms) => {
        const hours = schedules[name];
        expect(isOpen(new Date(addBusinessTime(start, ms, hours).getTime() - 1), hours)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('adding in two steps equals adding at once', () => {
    fc.assert(
      fc.property(scheduleName, instant, amount, amount, (name, start, a, b) => {
        const hours = schedules[name];
        expect(addBusinessTime(addBusinessTime(start, a, hours), b, hours)).toEqual(addBusinessTime(start, a + b, hours));
      }),
      { numRuns: 200 },
    );
  });

  it('businessTimeBetween is additive over a split point', () => {
    fc.assert(
      fc.property(scheduleName, instant, instant, instant, (name, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
        const hours = schedules[name];
        expect(businessTimeBetween(a, b, hours) + businessTimeBetween(b, c, hours)).toBe(businessTimeBetween(a, c, hours));
      }),
      { numRuns: 200 },
    );
  });

  it('nextOpening is open, not before the input, and has no open time before it', () => {
    fc.assert(
      fc.property(scheduleName, instant, (name, at) => {
        const hours = schedules[name];
        const next = nextOpening(at, hours);
        expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(isOpen(next, hours)).toBe(true);
        expect(businessTimeBetween(at, next, hours)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a minute-by-minute reading of the local wall clock', () => {
    const formatters = new Map<string, Intl.DateTimeFormat>();
    const oracleOpen = (t: number, hours: Extract<BusinessHours, { kind: 'schedule' }>) => {
      const options = { timeZone: hours.timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' } as const;
      if (!formatters.has(hours.timeZone)) formatters.set(hours.timeZone, new Intl.DateTimeFormat('en-CA', options));
      const parts = Object.fromEntries(formatters.get(hours.timeZone)!.formatToParts(t).map((p) => [p.type, p.value]));
      if (hours.holidays.includes(`${parts.year}-${parts.month}-${parts.day}`)) return false;
      const hhmm = `${parts.hour}:${parts.minute}`;
      const day = parts.weekday.toLowerCase().slice(0, 3) as keyof typeof hours.weekly;
      return (hours.weekly[day] ?? []).some((iv) => iv.from <= hhmm && hhmm < iv.to);
    };
    // Start near each zone's 2026 offset changes, where a wrong mapping would show.
    const changes: Record<string, string[]> = {
      moscowOffice: ['2026-01-07T00:00:00Z', '2026-03-09T00:00:00Z'], // no DST; holidays instead
      newYorkNights: ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
      berlinSplit: ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
      aucklandHalfDays: ['2026-04-04T14:00:00Z', '2026-09-26T14:00:00Z'],
    };
    const nearChange = fc
      .constantFrom(...Object.keys(changes))
      .chain((name) => fc.tuple(fc.constant(name), fc.constantFrom(...changes[name]), fc.integer({ min: -40 * 60, max: 12 * 60 })));
    fc.assert(
      fc.property(nearChange, fc.integer({ min: 0, max: 2 * 24 * 60 }), ([name, change, shift], minutes) => {
        const hours = schedules[name] as Extract<BusinessHours, { kind: 'schedule' }>;
        const start = new Date(Date.parse(change) + shift * M);
        let expected = 0;
        for (let i = 0; i < minutes; i++) if (oracleOpen(start.getTime() + i * M, hours)) expected += M;
        expect(businessTimeBetween(start, new Date(start.getTime() + minutes * M), hours)).toBe(expected);
        expect(isOpen(start, hours)).toBe(oracleOpen(start.getTime(), hours));
      }),
      { numRuns: 100 },
    );
  });
});
