import { retryDelayMs } from './retry-delay.util';

describe('retryDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000]);
  });

  it('waits at least as long as the peer asked', () => {
    expect(retryDelayMs(1, 1000, 10_000, 30_000)).toBe(30_000);
    expect(retryDelayMs(3, 1000, 10_000, 500)).toBe(4000);
  });
});
