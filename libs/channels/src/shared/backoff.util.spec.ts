import { backoffMs } from './backoff.util';

describe('backoffMs', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 40].map((a) => backoffMs(a, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('spreads by the jitter around the doubled value', () => {
    expect(backoffMs(3, 1000, 60_000, 0.2, () => 0)).toBe(3200);
    expect(backoffMs(3, 1000, 60_000, 0.2, () => 1)).toBe(4800);
    expect(backoffMs(10, 1000, 60_000, 0.2, () => 0.5)).toBe(60_000);
  });
});
