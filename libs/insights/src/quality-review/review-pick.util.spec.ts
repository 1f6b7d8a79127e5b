import { pickForReview, ReviewCandidate, reviewWeekAt } from './review-pick.util';

const candidates = (agentId: number, from: number, count: number): ReviewCandidate[] =>
  Array.from({ length: count }, (_, i) => ({ conversationId: from + i, agentId, reasons: ['breached'] }));

describe('the weekly review pick', () => {
  it('takes up to the size per agent, only among the candidates, the same for the same seed whatever the order', () => {
    const all = [...candidates(1, 100, 30), ...candidates(2, 200, 4)];
    const pick = pickForReview(all, 10, 'seed-a');
    expect(pick.filter((c) => c.agentId === 1)).toHaveLength(10);
    expect(pick.filter((c) => c.agentId === 2).map((c) => c.conversationId).sort()).toEqual([200, 201, 202, 203]);
    expect(new Set(pick.map((c) => c.conversationId)).size).toBe(pick.length);
    expect(pick.every((c) => all.includes(c))).toBe(true);
    expect(pickForReview([...all].reverse(), 10, 'seed-a')).toEqual(pick);
    expect(pickForReview(all, 10, 'seed-b').map((c) => c.conversationId)).not.toEqual(pick.map((c) => c.conversationId));
  });

  it('is random: over many seeds every candidate of an agent gets picked sometimes, none always', () => {
    const all = candidates(1, 1, 20);
    const times = new Map<number, number>();
    for (let s = 0; s < 400; s++) for (const c of pickForReview(all, 5, `s${s}`)) times.set(c.conversationId, (times.get(c.conversationId) ?? 0) + 1);
    expect(times.size).toBe(20);
    for (const n of times.values()) expect(n).toBeGreaterThan(40); // 100 expected of each
    for (const n of times.values()) expect(n).toBeLessThan(170);
  });

  it('finds the latest pick moment on the zone\'s wall clock and the week before it', () => {
    const schedule = { weekday: 0, hour: 9, timeZone: 'Europe/Moscow' }; // Mondays 09:00 MSK = 06:00 UTC
    const week = reviewWeekAt(Date.parse('2026-11-30T06:30:00Z'), schedule);
    expect(new Date(week.to).toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(new Date(week.from).toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(week.weekStart).toBe('2026-11-23');
    expect(new Date(week.next).toISOString()).toBe('2026-12-07T06:00:00.000Z');
    // A minute before Monday's pick, the latest is the previous Monday's.
    expect(reviewWeekAt(Date.parse('2026-11-30T05:59:00Z'), schedule).weekStart).toBe('2026-11-16');
    // Across a change of clocks: Fridays 17:00 in Berlin, the week containing the end of October's DST.
    const berlin = reviewWeekAt(Date.parse('2026-10-30T18:00:00Z'), { weekday: 4, hour: 17, timeZone: 'Europe/Berlin' });
    expect(new Date(berlin.to).toISOString()).toBe('2026-10-30T16:00:00.000Z');
    expect(new Date(berlin.from).toISOString()).toBe('2026-10-23T15:00:00.000Z');
  });
});
