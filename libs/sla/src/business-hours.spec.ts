import {
  addBusinessTime,
  businessTimeBetween,
  formatLocal,
  formatLocalDateTime,
  isOpen,
  nextOpening,
  parseBusinessHours,
  type BusinessHours,
} from './business-hours';

const H = 3_600_000;
const M = 60_000;
const d = (iso: string) => new Date(iso);
const weekdays = (tz: string, range: string, holidays: string[] = []) =>
  parseBusinessHours({ timeZone: tz, weekly: { mon: [range], tue: [range], wed: [range], thu: [range], fri: [range] }, holidays }, 'hours');
const allDay = (tz: string) => parseBusinessHours({ timeZone: tz, weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((k) => [k, ['00:00-24:00']])) }, 'hours');

const moscow = weekdays('Europe/Moscow', '09:00-18:00');
const always: BusinessHours = { kind: 'always' };

describe('isOpen / nextOpening (Mon–Fri 09:00–18:00 Europe/Moscow)', () => {
  it('is open from 09:00 up to but not including 18:00 local', () => {
    expect(isOpen(d('2026-01-16T08:59:59+03:00'), moscow)).toBe(false);
    expect(isOpen(d('2026-01-16T09:00:00+03:00'), moscow)).toBe(true);
    expect(isOpen(d('2026-01-16T17:59:59+03:00'), moscow)).toBe(true);
    expect(isOpen(d('2026-01-16T18:00:00+03:00'), moscow)).toBe(false);
    expect(isOpen(d('2026-01-17T12:00:00+03:00'), moscow)).toBe(false); // Saturday
  });

  it('returns the same instant when open and the next opening otherwise', () => {
    const open = d('2026-01-16T12:34:56.789+03:00');
    expect(nextOpening(open, moscow).getTime()).toBe(open.getTime());
    expect(nextOpening(d('2026-01-16T18:00:00+03:00'), moscow)).toEqual(d('2026-01-19T09:00:00+03:00'));
    expect(nextOpening(d('2026-01-19T06:00:00+03:00'), moscow)).toEqual(d('2026-01-19T09:00:00+03:00'));
  });

  it('treats holidays as closed all day', () => {
    const withHoliday = weekdays('Europe/Moscow', '09:00-18:00', ['2026-01-19']);
    expect(isOpen(d('2026-01-19T12:00:00+03:00'), withHoliday)).toBe(false);
    expect(nextOpening(d('2026-01-16T18:00:00+03:00'), withHoliday)).toEqual(d('2026-01-20T09:00:00+03:00'));
  });

  it('is always open for "always"', () => {
    expect(isOpen(d('2026-01-17T03:00:00Z'), always)).toBe(true);
    expect(nextOpening(d('2026-01-17T03:00:00Z'), always)).toEqual(d('2026-01-17T03:00:00Z'));
  });
});

describe('addBusinessTime', () => {
  it('carries a Friday 17:59 message with a 1h target to Monday 09:59 local', () => {
    expect(addBusinessTime(d('2026-01-16T17:59:00+03:00'), H, moscow)).toEqual(d('2026-01-19T09:59:00+03:00'));
  });

  it('skips a holiday in the middle', () => {
    const withHoliday = weekdays('Europe/Moscow', '09:00-18:00', ['2026-01-21']); // Wednesday
    expect(addBusinessTime(d('2026-01-20T17:00:00+03:00'), 2 * H, withHoliday)).toEqual(d('2026-01-22T10:00:00+03:00'));
    expect(businessTimeBetween(d('2026-01-20T17:00:00+03:00'), d('2026-01-22T10:00:00+03:00'), withHoliday)).toBe(2 * H);
  });

  it('returns the closing moment when time runs out exactly at closing', () => {
    expect(addBusinessTime(d('2026-01-16T17:00:00+03:00'), H, moscow)).toEqual(d('2026-01-16T18:00:00+03:00'));
  });

  it('starts counting at the next opening when started outside hours', () => {
    expect(addBusinessTime(d('2026-01-17T12:00:00+03:00'), 30 * M, moscow)).toEqual(d('2026-01-19T09:30:00+03:00'));
    expect(addBusinessTime(d('2026-01-17T12:00:00+03:00'), 0, moscow)).toEqual(d('2026-01-19T09:00:00+03:00'));
  });

  it('spans several days and split shifts', () => {
    const split = parseBusinessHours({ timeZone: 'Europe/Moscow', weekly: { mon: ['09:00-13:00', '14:00-18:00'], tue: ['09:00-13:00'] } }, 'h');
    expect(addBusinessTime(d('2026-01-19T12:00:00+03:00'), 2 * H, split)).toEqual(d('2026-01-19T15:00:00+03:00'));
    expect(addBusinessTime(d('2026-01-19T12:00:00+03:00'), 12 * H, split)).toEqual(d('2026-01-26T12:00:00+03:00'));
  });

  it('adds plain time for "always" (5m and 10m chat targets)', () => {
    const t = d('2026-01-17T23:58:00Z');
    expect(addBusinessTime(t, 5 * M, always)).toEqual(d('2026-01-18T00:03:00Z'));
    expect(addBusinessTime(t, 10 * M, always)).toEqual(d('2026-01-18T00:08:00Z'));
    expect(businessTimeBetween(t, d('2026-01-18T00:08:00Z'), always)).toBe(10 * M);
  });

  it('rejects negative or non-finite amounts and invalid dates', () => {
    expect(() => addBusinessTime(d('2026-01-16T12:00:00Z'), -1, moscow)).toThrow(RangeError);
    expect(() => addBusinessTime(d('2026-01-16T12:00:00Z'), Number.NaN, moscow)).toThrow(RangeError);
    expect(() => addBusinessTime(d('nonsense'), H, moscow)).toThrow('expected a valid Date');
  });

  it('throws a clear error for a schedule with no open time at all', () => {
    const closed: BusinessHours = { kind: 'schedule', timeZone: 'UTC', weekly: { mon: [] }, holidays: [] };
    expect(() => addBusinessTime(d('2026-01-16T12:00:00Z'), H, closed)).toThrow('business hours have no open time in the week');
  });

  it('is fast over long spans: a year of business time and a Sunday-only schedule full of holidays', () => {
    const sundays = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2026, 0, 4 + 7 * i)).toISOString().slice(0, 10));
    const sundayOnly = parseBusinessHours({ timeZone: 'Europe/Berlin', weekly: { sun: ['10:00-12:00'] }, holidays: sundays }, 'h');
    const started = Date.now();
    expect(addBusinessTime(d('2026-01-01T00:00:00Z'), 260 * 9 * H, moscow).getTime()).toBeGreaterThan(d('2026-12-01').getTime());
    expect(addBusinessTime(d('2026-01-01T00:00:00Z'), H, sundayOnly)).toEqual(d('2026-10-11T11:00:00+02:00'));
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('daylight-saving changes', () => {
  const newYork = weekdays('America/New_York', '09:00-17:00');

  it('America/New_York 2026-03-08: a Friday 16:00 EST + 2h lands on Monday 10:00 EDT', () => {
    expect(addBusinessTime(d('2026-03-06T16:00:00-05:00'), 2 * H, newYork)).toEqual(d('2026-03-09T10:00:00-04:00'));
  });

  it('America/New_York 2026-11-01: a Friday 16:00 EDT + 2h lands on Monday 10:00 EST', () => {
    expect(addBusinessTime(d('2026-10-30T16:00:00-04:00'), 2 * H, newYork)).toEqual(d('2026-11-02T10:00:00-05:00'));
  });

  it('counts the real length of a 23h and a 25h day when open around the clock', () => {
    const ny = allDay('America/New_York');
    expect(businessTimeBetween(d('2026-03-08T00:00:00-05:00'), d('2026-03-09T00:00:00-04:00'), ny)).toBe(23 * H);
    expect(businessTimeBetween(d('2026-11-01T00:00:00-04:00'), d('2026-11-02T00:00:00-05:00'), ny)).toBe(25 * H);
    // Open all the time, so business time equals real time across the change.
    expect(addBusinessTime(d('2026-03-07T12:00:00-05:00'), 24 * H, ny)).toEqual(d('2026-03-08T13:00:00-04:00'));
    expect(addBusinessTime(d('2026-10-31T12:00:00-04:00'), 24 * H, ny)).toEqual(d('2026-11-01T11:00:00-05:00'));
  });

  it('skips the missing hour and counts the repeated hour twice (wall-clock hours)', () => {
    const night = parseBusinessHours({ timeZone: 'America/New_York', weekly: { sun: ['01:00-03:00'] } }, 'h');
    expect(businessTimeBetween(d('2026-03-08T00:00:00-05:00'), d('2026-03-08T12:00:00-04:00'), night)).toBe(H);
    expect(businessTimeBetween(d('2026-11-01T00:00:00-04:00'), d('2026-11-01T12:00:00-05:00'), night)).toBe(3 * H);
    expect(isOpen(d('2026-11-01T01:30:00-05:00'), night)).toBe(true); // the second 01:30
    const gapOnly = parseBusinessHours({ timeZone: 'America/New_York', weekly: { sun: ['02:00-02:30'] } }, 'h');
    expect(nextOpening(d('2026-03-08T00:00:00-05:00'), gapOnly)).toEqual(d('2026-03-15T02:00:00-04:00'));
    const overlapStart = parseBusinessHours({ timeZone: 'America/New_York', weekly: { sun: ['01:30-02:00'] } }, 'h');
    expect(isOpen(d('2026-11-01T01:15:00-05:00'), overlapStart)).toBe(false);
    expect(businessTimeBetween(d('2026-11-01T00:00:00-04:00'), d('2026-11-01T12:00:00-05:00'), overlapStart)).toBe(H);
  });

  it('Europe/Berlin 2026-03-29 loses an hour at 02:00', () => {
    const berlin = allDay('Europe/Berlin');
    expect(businessTimeBetween(d('2026-03-29T00:00:00+01:00'), d('2026-03-30T00:00:00+02:00'), berlin)).toBe(23 * H);
    const office = parseBusinessHours({ timeZone: 'Europe/Berlin', weekly: { sat: ['09:00-18:00'], sun: ['01:00-04:00', '09:00-18:00'] } }, 'h');
    expect(businessTimeBetween(d('2026-03-29T00:00:00+01:00'), d('2026-03-29T05:00:00+02:00'), office)).toBe(2 * H);
    expect(addBusinessTime(d('2026-03-28T17:00:00+01:00'), 3 * H, office)).toEqual(d('2026-03-29T04:00:00+02:00'));
    expect(addBusinessTime(d('2026-03-28T17:00:00+01:00'), 4 * H, office)).toEqual(d('2026-03-29T10:00:00+02:00'));
  });
});

describe('businessTimeBetween', () => {
  it('counts only open time in [a, b) and 0 when b <= a', () => {
    expect(businessTimeBetween(d('2026-01-16T17:00:00+03:00'), d('2026-01-19T10:00:00+03:00'), moscow)).toBe(2 * H);
    expect(businessTimeBetween(d('2026-01-19T10:00:00+03:00'), d('2026-01-16T17:00:00+03:00'), moscow)).toBe(0);
    expect(businessTimeBetween(d('2026-01-12T00:00:00+03:00'), d('2026-01-19T00:00:00+03:00'), moscow)).toBe(45 * H);
  });
});

describe('formatLocal / formatLocalDateTime', () => {
  const at = d('2026-11-24T07:00:00Z'); // Tuesday 10:00 in Moscow

  it('shows weekday and time in the schedule zone', () => {
    expect(formatLocal(at, moscow, 'en')).toBe('Tuesday 10:00');
    expect(formatLocal(at, moscow, 'ru')).toBe('вторник 10:00');
    expect(formatLocal(d('2026-11-23T21:05:00Z'), moscow, 'en')).toBe('Tuesday 00:05');
  });

  it('uses UTC for "always"', () => {
    expect(formatLocal(at, always, 'en')).toBe('Tuesday 07:00');
  });

  it('adds the date', () => {
    expect(formatLocalDateTime(at, moscow, 'en')).toBe('Tuesday 24 November 10:00');
    expect(formatLocalDateTime(at, moscow, 'ru')).toBe('вторник 24 ноября 10:00');
  });
});
