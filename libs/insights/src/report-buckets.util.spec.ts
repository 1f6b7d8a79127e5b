import { bucketOf, bucketsBetween, hourOfWeek } from './report-buckets.util';

const at = (iso: string) => Date.parse(iso);

describe('report buckets', () => {
  it('puts an instant in the day and week of the zone\'s wall clock', () => {
    expect(bucketOf(at('2026-03-28T23:30:00Z'), 'day', 'Europe/Berlin')).toBe('2026-03-29');
    expect(bucketOf(at('2026-03-28T23:30:00Z'), 'day', 'UTC')).toBe('2026-03-28');
    expect(bucketOf(at('2026-03-29T21:59:59Z'), 'day', 'Europe/Berlin')).toBe('2026-03-29');
    expect(bucketOf(at('2026-03-29T22:00:00Z'), 'day', 'Europe/Berlin')).toBe('2026-03-30');
    expect(bucketOf(at('2026-03-29T12:00:00Z'), 'week', 'Europe/Berlin')).toBe('2026-03-23'); // a Sunday belongs to the week of Monday the 23rd
    expect(bucketOf(at('2026-03-30T00:00:00Z'), 'week', 'Europe/Berlin')).toBe('2026-03-30');
  });

  it('names hours with their offset, so the hour repeated in autumn is two buckets', () => {
    expect(bucketOf(at('2026-11-01T05:30:00Z'), 'hour', 'America/New_York')).toBe('2026-11-01T01:00-04:00');
    expect(bucketOf(at('2026-11-01T06:30:00Z'), 'hour', 'America/New_York')).toBe('2026-11-01T01:00-05:00');
    expect(bucketOf(at('2026-03-30T04:10:00Z'), 'hour', 'Asia/Kolkata')).toBe('2026-03-30T09:00+05:30');
  });

  it('lists the buckets of a period: 23 hours on the spring day, 25 on the autumn day', () => {
    expect(bucketsBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), 'hour', 'Europe/Berlin')).toHaveLength(23);
    const autumn = bucketsBetween(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'), 'hour', 'America/New_York');
    expect(autumn).toHaveLength(25);
    expect(autumn[2]).toEqual({ bucket: '2026-11-01T01:00-05:00', start: at('2026-11-01T06:00:00Z') });
    expect(bucketsBetween(at('2026-03-27T00:00:00Z'), at('2026-03-31T00:00:00Z'), 'day', 'Europe/Berlin').map((b) => b.bucket))
      .toEqual(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
    expect(() => bucketsBetween(0, 3000 * 3_600_000, 'hour', 'UTC')).toThrow(RangeError);
  });

  it('finds the cell of the hour-of-week load, Monday first', () => {
    expect(hourOfWeek(at('2026-03-30T08:00:00Z'), 'Europe/Berlin')).toEqual({ weekday: 0, hour: 10 });
    expect(hourOfWeek(at('2026-03-28T23:30:00Z'), 'Europe/Berlin')).toEqual({ weekday: 6, hour: 0 });
    expect(hourOfWeek(at('2026-03-28T23:30:00Z'), 'UTC')).toEqual({ weekday: 5, hour: 23 });
  });
});
