import { reconnectDelayMs } from './reconnect-delay.util';

describe('reconnectDelayMs', () => {
  const mid = () => 0.5;

  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 7, 8, 50].map((a) => reconnectDelayMs(a, 1000, 60_000, mid))).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });

  it('jitters by at most a fifth either way', () => {
    expect(reconnectDelayMs(1, 1000, 60_000, () => 0)).toBe(800);
    expect(reconnectDelayMs(1, 1000, 60_000, () => 0.999999)).toBe(1200);
  });
});
