/** Durations for people: a ticking clock for countdowns, a compact form for waits (no DOM: unit-tested). */
export interface Units {
  d: string;
  h: string;
  m: string;
  s: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A countdown as a clock: `4:59`, `1:04:59`, and `2d 3h` beyond a day; overdue gets a minus sign (`−0:12`).
 * Time left is rounded up (the last second shows `0:01`, not `0:00`), time overdue down.
 */
export function formatClock(ms: number, units: Units): string {
  const overdue = ms <= 0;
  const total = overdue ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const text = days > 0 ? `${days}${units.d} ${hours}${units.h}` : hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
  return overdue && total > 0 ? `−${text}` : text;
}

/** A wait or a response time, to the two largest units: `45s`, `3m 20s`, `1h 5m`, `2d 3h`. */
export function formatWait(seconds: number, units: Units): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}${units.s}`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)}${units.m} ${s % 60}${units.s}` : `${s / 60}${units.m}`;
  if (s < 86_400) {
    const m = Math.floor((s % 3600) / 60);
    return m ? `${Math.floor(s / 3600)}${units.h} ${m}${units.m}` : `${Math.floor(s / 3600)}${units.h}`;
  }
  const h = Math.floor((s % 86_400) / 3600);
  return h ? `${Math.floor(s / 86_400)}${units.d} ${h}${units.h}` : `${Math.floor(s / 86_400)}${units.d}`;
}
