import { localDayOf, offsetAt, weekdayOfDay } from '@app/sla/zoned-time';

import { GroupBy, WEEKDAY_NAMES } from './api-types';

export { GROUP_BYS, WEEKDAY_NAMES } from './api-types';
export type { GroupBy } from './api-types';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** A chart of more points than this is unreadable and costly: ask for a wider groupBy or a shorter period. */
export const MAX_BUCKETS = 2000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
function dateLabel(day: number): string {
  const d = new Date(day * DAY);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
function offsetLabel(offset: number): string {
  const minutes = Math.round(Math.abs(offset) / 60_000);
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * The bucket an instant falls in, as the wall clock of `timeZone` sees it: `2026-03-29` for a day, the Monday
 * `2026-03-23` for its week, `2026-03-29T03:00+02:00` for an hour (with the offset, so the hour repeated when
 * clocks go back is two buckets, not one).
 */
export function bucketOf(t: number, groupBy: GroupBy, timeZone: string): string {
  if (groupBy === 'hour') {
    const offset = offsetAt(t, timeZone);
    const localHour = Math.floor((t + offset) / HOUR) * HOUR;
    const d = new Date(localHour);
    return `${dateLabel(Math.floor(localHour / DAY))}T${pad(d.getUTCHours())}:00${offsetLabel(offset)}`;
  }
  const day = localDayOf(t, timeZone);
  return dateLabel(groupBy === 'day' ? day : day - ((weekdayOfDay(day) + 6) % 7));
}

/**
 * Every bucket that [from, to) touches, in order, each with the first instant of the period that falls in it
 * (for the chart's x axis). Local hours start on whole quarter hours of UTC in every zone, so a quarter-hour walk meets each.
 */
export function bucketsBetween(from: number, to: number, groupBy: GroupBy, timeZone: string): Array<{ bucket: string; start: number }> {
  const step = 15 * 60_000;
  if ((to - from) / (groupBy === 'hour' ? HOUR : groupBy === 'day' ? DAY : 7 * DAY) > MAX_BUCKETS) {
    throw new RangeError(`more than ${MAX_BUCKETS} ${groupBy}s between from and to`);
  }
  const out: Array<{ bucket: string; start: number }> = [];
  let last = '';
  // Whole days are walked in quarter hours only around their edges: cheap enough for a year of days (35k Intl calls at most).
  for (let t = from; t < to; t += step) {
    const bucket = bucketOf(t, groupBy, timeZone);
    if (bucket !== last) out.push({ bucket, start: t });
    last = bucket;
  }
  return out;
}

/** Weekday (0 = Monday) and hour of the wall clock in `timeZone`: the cell of the load heatmap. */
export function hourOfWeek(t: number, timeZone: string): { weekday: number; hour: number } {
  const local = t + offsetAt(t, timeZone);
  const day = Math.floor(local / DAY);
  return { weekday: (weekdayOfDay(day) + 6) % 7, hour: Math.floor((local - day * DAY) / HOUR) };
}
