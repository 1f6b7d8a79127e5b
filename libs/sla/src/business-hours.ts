/**
 * Business hours: when the SLA clocks run. All functions are pure; time zones come from `Intl`.
 *
 * The algorithms walk local calendar days. A closed day (no hours that weekday, or a holiday) is
 * skipped with plain arithmetic and no `Intl` call, so a long weekend or a holiday week costs
 * almost nothing; only open days ask `Intl` for the zone offset (twice, plus a short search on
 * the two days a year the offset changes), which is what makes the result exact across DST.
 */
import { WEEKDAYS, parseBusinessHours } from './business-hours-config';
import { DAY, MAX_OFFSET, MINUTE, dayOffsets, localDayOf, localLabels, parseLocalDate, weekdayOfDay } from './zoned-time';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export type BusinessHours =
  | { kind: 'always' }
  | {
      kind: 'schedule';
      /** IANA zone the times and holidays are local to, e.g. `Europe/Moscow`. */
      timeZone: string;
      /** `HH:MM` local times; `to` may be `24:00`. A missing weekday is closed. */
      weekly: Partial<Record<Weekday, Array<{ from: string; to: string }>>>;
      /** Local dates `YYYY-MM-DD`, closed all day. */
      holidays: string[];
    };

export { WEEKDAYS, parseBusinessHours };

/** A schedule prepared for fast lookups: minutes since local midnight, holidays as day numbers. */
interface Compiled {
  timeZone: string;
  byWeekday: Array<Array<[number, number]>>;
  holidays: Set<number>;
  /** Longest possible run of closed days in a row; exceeding it means a bug, not a long holiday. */
  maxClosedRun: number;
}

// Keyed by the schedule object itself: callers keep one BusinessHours per policy and treat it as
// immutable, so each is compiled once.
const compiledCache = new WeakMap<object, Compiled>();

function compile(hours: Extract<BusinessHours, { kind: 'schedule' }>): Compiled {
  const cached = compiledCache.get(hours);
  if (cached) return cached;
  const byWeekday = WEEKDAYS.map((day) =>
    (hours.weekly[day] ?? [])
      .map(({ from, to }): [number, number] => [toMinutes(from), toMinutes(to)])
      .filter(([from, to]) => to > from)
      .sort((a, b) => a[0] - b[0]),
  );
  if (byWeekday.every((intervals) => intervals.length === 0)) {
    throw new Error('business hours have no open time in the week; the SLA clock would never run');
  }
  const holidays = new Set<number>();
  for (const text of hours.holidays) {
    const day = parseLocalDate(text);
    if (day === null) throw new Error(`business hours: bad holiday date ${JSON.stringify(text)}`);
    holidays.add(day);
  }
  // Every holiday can close at most one extra day; a DST gap can empty one day a week at most.
  const compiled = { timeZone: hours.timeZone, byWeekday, holidays, maxClosedRun: 14 * (holidays.size + 2) };
  compiledCache.set(hours, compiled);
  return compiled;
}

function toMinutes(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || !(minutes <= 1440)) {
    throw new Error(`business hours: bad time ${JSON.stringify(hhmm)}, expected HH:MM`);
  }
  return minutes;
}

/**
 * Open intervals of local `day` as sorted [start, end) instants; empty if closed.
 * An instant is open when its local wall time lies in one of the day's intervals, so on a
 * daylight-saving day a wall-time interval maps to the instants before the change (old offset)
 * plus those after it (new offset): a skipped hour contributes nothing, a repeated hour counts twice.
 */
function openIntervals(c: Compiled, day: number): Array<[number, number]> {
  const local = c.byWeekday[weekdayOfDay(day)];
  if (local.length === 0 || c.holidays.has(day)) return [];
  const { before, after, change } = dayOffsets(day, c.timeZone);
  const pieces: Array<[number, number]> = [];
  for (const [from, to] of local) {
    const wallFrom = day * DAY + from * MINUTE;
    const wallTo = day * DAY + to * MINUTE;
    pieces.push([wallFrom - before, Math.min(wallTo - before, change)]);
    if (change !== Number.POSITIVE_INFINITY) pieces.push([Math.max(wallFrom - after, change), wallTo - after]);
  }
  pieces.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [start, end] of pieces) {
    if (end <= start) continue; // wholly inside a skipped hour, or on the other side of the change
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/**
 * Calls `visit` with each open interval from the one containing (or following) `from` onwards,
 * in order, until it returns true. Starts a day early so that a fall-back crossing midnight
 * (the previous day's last hour repeating after this day began) is not missed; no zone in use
 * does that today, and it costs one extra day.
 */
function eachInterval(c: Compiled, from: number, visit: (start: number, end: number) => boolean): void {
  let closedRun = 0;
  for (let day = localDayOf(from, c.timeZone) - 1; ; day++) {
    const intervals = openIntervals(c, day);
    closedRun = intervals.length === 0 ? closedRun + 1 : 0;
    if (closedRun > c.maxClosedRun) throw new Error('business hours: no open time found; check the schedule');
    for (const [start, end] of intervals) {
      if (end > from && visit(start, end)) return;
    }
  }
}

function instant(at: Date, name: string): number {
  const t = at instanceof Date ? at.getTime() : NaN;
  if (Number.isNaN(t)) throw new RangeError(`${name}: expected a valid Date`);
  return t;
}

/** Whether the clock runs at `at`. */
export function isOpen(at: Date, hours: BusinessHours): boolean {
  const t = instant(at, 'isOpen');
  if (hours.kind === 'always') return true;
  let open = false;
  eachInterval(compile(hours), t, (start) => {
    open = start <= t;
    return true;
  });
  return open;
}

/** `at` itself when open, otherwise the next moment the business opens. */
export function nextOpening(at: Date, hours: BusinessHours): Date {
  const t = instant(at, 'nextOpening');
  if (hours.kind === 'always') return new Date(t);
  let result = t;
  eachInterval(compile(hours), t, (start) => {
    result = Math.max(start, t);
    return true;
  });
  return new Date(result);
}

/**
 * The moment `ms` of open time has elapsed after `start` (counting from the next opening when
 * `start` is closed). When the time runs out exactly at closing, the closing moment is returned,
 * not the next opening. `ms = 0` gives `nextOpening(start)`.
 */
export function addBusinessTime(start: Date, ms: number, hours: BusinessHours): Date {
  const t = instant(start, 'addBusinessTime');
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`addBusinessTime: expected ms >= 0, got ${ms}`);
  let remaining = Math.round(ms);
  if (hours.kind === 'always') return new Date(t + remaining);
  if (remaining === 0) return nextOpening(start, hours);
  let result = t;
  eachInterval(compile(hours), t, (from, end) => {
    const begin = Math.max(from, t);
    if (remaining <= end - begin) {
      result = begin + remaining;
      return true;
    }
    remaining -= end - begin;
    return false;
  });
  return new Date(result);
}

/** Open milliseconds in [a, b); 0 when b <= a. */
export function businessTimeBetween(a: Date, b: Date, hours: BusinessHours): number {
  const from = instant(a, 'businessTimeBetween');
  const to = instant(b, 'businessTimeBetween');
  if (to <= from) return 0;
  if (hours.kind === 'always') return to - from;
  const c = compile(hours);
  let total = 0;
  // Local day `day` cannot start before day * DAY - MAX_OFFSET, which bounds the walk without Intl.
  for (let day = localDayOf(from, c.timeZone) - 1; day * DAY - MAX_OFFSET < to; day++) {
    for (const [start, end] of openIntervals(c, day)) {
      const overlap = Math.min(end, to) - Math.max(start, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

function zoneOf(hours: BusinessHours): string {
  return hours.kind === 'always' ? 'UTC' : hours.timeZone;
}

/** `Tuesday 10:00` / `вторник 10:00` in the schedule's zone (UTC for `always`). */
export function formatLocal(at: Date, hours: BusinessHours, locale: 'en' | 'ru'): string {
  const l = localLabels(instant(at, 'formatLocal'), zoneOf(hours), locale);
  return `${l.weekday} ${l.time}`;
}

/** `Tuesday 24 November 10:00` / `вторник 24 ноября 10:00` in the schedule's zone. */
export function formatLocalDateTime(at: Date, hours: BusinessHours, locale: 'en' | 'ru'): string {
  const l = localLabels(instant(at, 'formatLocalDateTime'), zoneOf(hours), locale);
  return `${l.weekday} ${l.day} ${l.month} ${l.time}`;
}
