import { DAY, localDayOf, MINUTE, offsetAt, weekdayOfDay } from '../../../../libs/sla/src/zoned-time';

export const SNOOZE_PRESETS = ['hour', 'tomorrow', 'monday'] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];
const MORNING = 9 * 60;

/** The instant whose wall time in `timeZone` is `minutes` after midnight of local day number `day`. */
function atLocal(day: number, minutes: number, timeZone: string): number {
  const wall = day * DAY + minutes * MINUTE;
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone); // a second look, for a day whose offset changes before 9:00
}

/** When a snooze preset ends: in an hour, tomorrow at 9:00 or next Monday at 9:00 in the agent's zone. */
export function snoozeUntil(preset: SnoozePreset, now: Date, timeZone: string): Date {
  if (preset === 'hour') return new Date(now.getTime() + 60 * MINUTE);
  const today = localDayOf(now.getTime(), timeZone);
  if (preset === 'tomorrow') return new Date(atLocal(today + 1, MORNING, timeZone));
  const toMonday = (8 - weekdayOfDay(today)) % 7 || 7; // Monday today: the next one
  return new Date(atLocal(today + toMonday, MORNING, timeZone));
}

/** The agent's zone, as the browser knows it. */
export const agentTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
