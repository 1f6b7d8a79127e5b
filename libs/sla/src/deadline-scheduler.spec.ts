import fc from 'fast-check';
import { DeadlineScheduler } from './deadline-scheduler';

describe('DeadlineScheduler (fake clock)', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('fires each key at its moment, in order, and not before', () => {
    const fired: Array<[number, number]> = [];
    const s = new DeadlineScheduler((key) => fired.push([key, Date.now()]));
    const t0 = Date.now();
    s.schedule(1, t0 + 3000);
    s.schedule(2, t0 + 1000);
    s.schedule(3, t0 + 2000);
    jest.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual([[2, t0 + 1000]]);
    jest.advanceTimersByTime(2000);
    expect(fired).toEqual([[2, t0 + 1000], [3, t0 + 2000], [1, t0 + 3000]]);
    s.stop();
  });

  it('moves a rescheduled key and forgets a cancelled one', () => {
    const fired: number[] = [];
    const s = new DeadlineScheduler((key) => fired.push(key));
    const t0 = Date.now();
    s.schedule(1, t0 + 1000);
    s.schedule(2, t0 + 1500);
    s.schedule(1, t0 + 5000);
    s.cancel(2);
    jest.advanceTimersByTime(4999);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual([1]);
    expect(s.size).toBe(0);
    s.stop();
  });

  it('fires past deadlines at once (after a restart)', () => {
    const fired: number[] = [];
    const s = new DeadlineScheduler((key) => fired.push(key));
    s.schedule(7, Date.now() - 60_000);
    jest.advanceTimersByTime(0);
    expect(fired).toEqual([7]);
    s.stop();
  });

  it('fires every key exactly once at its latest moment, whatever the order of scheduling', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 10_000 })), { maxLength: 60 }), (ops) => {
      const fired = new Map<number, number>();
      const s = new DeadlineScheduler((key) => fired.set(key, Date.now()));
      const t0 = Date.now();
      const latest = new Map<number, number>();
      for (const [key, offset] of ops) {
        s.schedule(key, t0 + offset);
        latest.set(key, t0 + offset);
      }
      jest.advanceTimersByTime(10_001);
      expect(fired).toEqual(latest);
      s.stop();
      jest.setSystemTime(t0);
    }));
  });
});
