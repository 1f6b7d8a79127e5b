import { createHash } from 'node:crypto';
import { DAY, localDayOf, offsetAt, weekdayOfDay } from '@app/sla/zoned-time';

const HOUR = 3_600_000;

export interface ReviewCandidate {
  conversationId: number;
  /** The agent whose work it was. */
  agentId: number;
  /** Why it is a problem dialogue: low_rating, breached, reopened, escalated, long. */
  reasons: string[];
}

/** The instant local `day` (days since the epoch on the zone's wall clock) reaches `hour`. */
function localInstant(day: number, hour: number, timeZone: string): number {
  const wall = day * DAY + hour * HOUR;
  return wall - offsetAt(wall - offsetAt(wall, timeZone), timeZone);
}

const label = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * The latest weekly pick moment at or before `now` (the weekday, 0 = Monday, and hour on the zone's wall clock),
 * the week it reviews (the seven days before it) and the next pick moment.
 */
export function reviewWeekAt(now: number, schedule: { weekday: number; hour: number; timeZone: string }): { weekStart: string; from: number; to: number; next: number } {
  let day = localDayOf(now, schedule.timeZone);
  day -= ((weekdayOfDay(day) + 6) % 7 - schedule.weekday + 7) % 7;
  let at = localInstant(day, schedule.hour, schedule.timeZone);
  if (at > now) {
    day -= 7;
    at = localInstant(day, schedule.hour, schedule.timeZone);
  }
  return { weekStart: label(day - 7), from: localInstant(day - 7, schedule.hour, schedule.timeZone), to: at, next: localInstant(day + 7, schedule.hour, schedule.timeZone) };
}

/** A small seeded generator (mulberry32): the same seed gives the same numbers on every machine. */
function random(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Picks up to `perAgent` of each agent's candidates at random from the seed: the same candidates and seed give the
 * same pick (candidates are ordered by conversation first, so the order they were read in does not matter).
 */
export function pickForReview(candidates: ReviewCandidate[], perAgent: number, seed: string): ReviewCandidate[] {
  const byAgent = new Map<number, ReviewCandidate[]>();
  for (const c of [...candidates].sort((a, b) => a.conversationId - b.conversationId)) {
    byAgent.set(c.agentId, [...(byAgent.get(c.agentId) ?? []), c]);
  }
  const picked: ReviewCandidate[] = [];
  for (const agentId of [...byAgent.keys()].sort((a, b) => a - b)) {
    const list = byAgent.get(agentId)!;
    const next = random(`${seed}:${agentId}`);
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    picked.push(...list.slice(0, perAgent));
  }
  return picked;
}
