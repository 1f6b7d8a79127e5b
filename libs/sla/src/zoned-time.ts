/**
 * Wall-clock arithmetic in IANA time zones using only the built-in `Intl` API.
 *
 * Local calendar days are represented as "day numbers" (days since 1970-01-01 on the calendar,
 * independent of zone), so stepping over days and finding weekdays or holidays needs no `Intl` call.
 */

export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** Larger than any UTC offset ever used (+14:00 today, +15:13 historically); bounds day searches. */
export const MAX_OFFSET = 16 * 3_600_000;

const numericFormatters = new Map<string, Intl.DateTimeFormat>();

function numericFormatter(timeZone: string): Intl.DateTimeFormat {
  let fmt = numericFormatters.get(timeZone);
  if (!fmt) {
    // h23: some ICU versions print midnight as "24" with hour12:false; h23 never does.
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    numericFormatters.set(timeZone, fmt);
  }
  return fmt;
}

/** True when `Intl` knows the zone (it throws RangeError for unknown names). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    numericFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** UTC offset in ms at instant `t` (local wall time minus UTC). */
export function offsetAt(t: number, timeZone: string): number {
  const wholeSeconds = Math.floor(t / 1000) * 1000; // Intl only shows whole seconds
  const p: Record<string, number> = {};
  for (const part of numericFormatter(timeZone).formatToParts(wholeSeconds)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return wall - wholeSeconds;
}

/** The local calendar day number that instant `t` falls on. */
export function localDayOf(t: number, timeZone: string): number {
  return Math.floor((t + offsetAt(t, timeZone)) / DAY);
}

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * How local wall time relates to UTC around local `day`: the offset before and after, and the
 * instant the offset changes (Infinity when it does not). Probing from MAX_OFFSET outside the day
 * covers every instant whose wall time falls on it. Assumes at most one offset change in that
 * window of about 56 hours, which holds for every zone in use.
 */
export function dayOffsets(day: number, timeZone: string): { before: number; after: number; change: number } {
  const lo = day * DAY - MAX_OFFSET;
  const hi = (day + 1) * DAY + MAX_OFFSET;
  const before = offsetAt(lo, timeZone);
  const after = offsetAt(hi, timeZone);
  const change = before === after ? Number.POSITIVE_INFINITY : findTransition(lo, hi, before, timeZone);
  return { before, after, change };
}

/** Binary search (to the second) for the first instant in (lo, hi] whose offset is no longer `old`. */
function findTransition(lo: number, hi: number, old: number, timeZone: string): number {
  let low = Math.floor(lo / 1000);
  let high = Math.ceil(hi / 1000);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(mid * 1000, timeZone) === old) low = mid;
    else high = mid;
  }
  return high * 1000;
}

/** Parses a local date `YYYY-MM-DD` into a day number, or null if it is not a real date. */
export function parseLocalDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a round trip catches that.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY;
}

const labelFormatters = new Map<string, Intl.DateTimeFormat>();

/** Weekday, day, month and HH:MM of `t` in the zone, as the locale names them. */
export function localLabels(
  t: number,
  timeZone: string,
  locale: string,
): { weekday: string; day: string; month: string; time: string } {
  const key = `${locale}|${timeZone}`;
  let fmt = labelFormatters.get(key);
  if (!fmt) {
    // Asking for day and month together makes Russian use the genitive month ("24 ноября").
    fmt = new Intl.DateTimeFormat(locale, {
      timeZone,
      hourCycle: 'h23',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    });
    labelFormatters.set(key, fmt);
  }
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(t)) p[part.type] = part.value;
  const hour = String(Number(p.hour) % 24).padStart(2, '0');
  return { weekday: p.weekday, day: p.day, month: p.month, time: `${hour}:${p.minute.padStart(2, '0')}` };
}
