/**
 * Durations as written in policy config (`5m`, `12h`, `1h30m`) and shown back to people.
 * Milliseconds are the one internal unit so every SLA computation is plain integer arithmetic.
 */

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
type Unit = keyof typeof UNIT_MS;
/** Largest first: parts must come in this order, so `30m1h` (likely a typo) is rejected. */
const ORDER: readonly Unit[] = ['d', 'h', 'm', 's', 'ms'];

// `ms` is listed before `m` so `500ms` is not read as `500m` followed by junk.
const PART = /(\d+)\s*(ms|d|h|m|s)\s*/y;

/**
 * Parses `90s`, `5m`, `12h`, `2d`, `1h30m`, `1h 30m`, `500ms` into milliseconds.
 * Zero is rejected too: a zero target would make every conversation overdue on arrival.
 */
export function parseDuration(input: string): number {
  const fail = (): never => {
    throw new Error(`expected a duration such as 90s, 5m, 12h or 2d, got ${describe(input)}`);
  };
  if (typeof input !== 'string') return fail();
  const text = input.trim(); // case-sensitive on purpose: `5M` could mean months
  if (text === '') return fail();

  let total = 0;
  let lastRank = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return fail();
    const rank = ORDER.indexOf(match[2] as Unit);
    if (rank <= lastRank) return fail(); // repeated or out-of-order unit
    lastRank = rank;
    total += Number(match[1]) * UNIT_MS[match[2] as Unit];
  }
  if (total <= 0 || !Number.isSafeInteger(total)) return fail();
  return total;
}

/**
 * Compact form with every non-zero unit (`5m`, `1h 30m`, `2d 3h`), so that
 * `parseDuration(formatDuration(x)) === x` for any positive whole number of milliseconds.
 * Negative values get a leading `-` (useful for "overdue by").
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`formatDuration: expected a finite number, got ${ms}`);
  let rest = Math.round(Math.abs(ms));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const unit of ORDER) {
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * UNIT_MS[unit];
  }
  return (ms < 0 ? '-' : '') + parts.join(' ');
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}
