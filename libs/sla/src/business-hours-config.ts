/**
 * Validation of business hours as written in config. Errors start with the key path of the bad
 * part so ops can find it in the YAML file without reading code.
 */
import type { BusinessHours, Weekday } from './business-hours';
import { isValidTimeZone, parseLocalDate } from './zoned-time';

/** Index = Date#getUTCDay (0 = Sunday). */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const SCHEDULE_KEYS = ['kind', 'timeZone', 'weekly', 'holidays'];
const TIME = '([01]?\\d|2[0-3]):([0-5]\\d)'; // 9:00 is accepted and written back as 09:00
const RANGE = new RegExp(`^${TIME}\\s*-\\s*(?:${TIME}|(24):(00))$`);

/**
 * Accepts `always`, or `{ timeZone, weekly: { mon: ['09:00-18:00'], … }, holidays: ['2026-01-01'] }`.
 * Also accepts its own output (intervals as `{ from, to }`, a `kind` field), so a parsed value
 * stored as JSON can be validated again when it is read back.
 */
export function parseBusinessHours(raw: unknown, key: string): BusinessHours {
  if (raw === 'always' || (isObject(raw) && raw.kind === 'always' && Object.keys(raw).length === 1)) {
    return { kind: 'always' };
  }
  if (!isObject(raw) || (raw.kind !== undefined && raw.kind !== 'schedule')) {
    throw new Error(`${key}: expected "always" or a schedule with timeZone, weekly and holidays, got ${describe(raw)}`);
  }
  for (const k of Object.keys(raw)) {
    if (!SCHEDULE_KEYS.includes(k)) throw new Error(`${key}.${k}: unknown key, expected timeZone, weekly or holidays`);
  }

  const timeZone = raw.timeZone;
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    throw new Error(`${key}.timeZone: expected an IANA time zone such as Europe/Moscow, got ${describe(timeZone)}`);
  }
  const weekly = parseWeekly(raw.weekly, `${key}.weekly`);
  const holidays = parseHolidays(raw.holidays, `${key}.holidays`);
  return { kind: 'schedule', timeZone, weekly, holidays };
}

function parseWeekly(raw: unknown, path: string): Partial<Record<Weekday, Array<{ from: string; to: string }>>> {
  if (!isObject(raw)) {
    throw new Error(`${path}: expected a mapping of weekdays to hours such as mon: ['09:00-18:00'], got ${describe(raw)}`);
  }
  const weekly: Partial<Record<Weekday, Array<{ from: string; to: string }>>> = {};
  for (const [day, value] of Object.entries(raw)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      throw new Error(`${path}.${day}: expected a weekday: mon, tue, wed, thu, fri, sat or sun`);
    }
    if (value === null || value === undefined) continue; // `sat:` with nothing means closed
    // A single `09:00-18:00` is the common case in YAML; allow it without list brackets.
    const items = Array.isArray(value) ? value : [value];
    const intervals = items.map((item, i) => parseInterval(item, `${path}.${day}[${i}]`));
    checkNoOverlap(intervals, `${path}.${day}`);
    if (intervals.length > 0) weekly[day as Weekday] = intervals;
  }
  if (Object.keys(weekly).length === 0) {
    throw new Error(`${path}: expected at least one open interval such as mon: ['09:00-18:00'], or use "always"`);
  }
  return weekly;
}

function parseInterval(raw: unknown, path: string): { from: string; to: string } {
  const text = isObject(raw) && typeof raw.from === 'string' && typeof raw.to === 'string' ? `${raw.from}-${raw.to}` : raw;
  const m = typeof text === 'string' ? RANGE.exec(text.trim()) : null;
  if (!m) throw new Error(`${path}: expected HH:MM-HH:MM such as 09:00-18:00, got ${describe(raw)}`);
  const from = `${m[1].padStart(2, '0')}:${m[2]}`;
  const to = m[5] ? '24:00' : `${m[3].padStart(2, '0')}:${m[4]}`;
  if (to <= from) {
    throw new Error(
      `${path}: expected the opening time before the closing time, got ${describe(text)}` +
        ' (split overnight hours over two days, e.g. mon: 22:00-24:00 and tue: 00:00-02:00)',
    );
  }
  return { from, to };
}

function checkNoOverlap(intervals: Array<{ from: string; to: string }>, path: string): void {
  // HH:MM strings compare correctly as text, which keeps this check simple.
  const sorted = intervals.map((iv, i) => ({ ...iv, i })).sort((a, b) => (a.from < b.from ? -1 : 1));
  for (let j = 1; j < sorted.length; j++) {
    const prev = sorted[j - 1];
    if (sorted[j].from < prev.to) {
      throw new Error(`${path}[${sorted[j].i}]: overlaps ${prev.from}-${prev.to}`);
    }
  }
}

function parseHolidays(raw: unknown, path: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new Error(`${path}: expected a list of dates such as ['2026-01-01'], got ${describe(raw)}`);
  const out = new Set<string>();
  raw.forEach((item, i) => {
    // YAML 1.1 loaders turn unquoted 2026-01-01 into a Date at UTC midnight; take its date back.
    const text = item instanceof Date && !Number.isNaN(item.getTime()) ? item.toISOString().slice(0, 10) : item;
    if (typeof text !== 'string' || parseLocalDate(text) === null) {
      throw new Error(`${path}[${i}]: expected a date YYYY-MM-DD, got ${describe(item)}`);
    }
    out.add(text);
  });
  return [...out];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (value === '') return 'an empty string';
  return JSON.stringify(value) ?? String(value);
}
