import fc from 'fast-check';
import { laneOf } from './ingest-lane.util';

describe('laneOf', () => {
  it('puts a sender in the same lane every time, within the lanes there are', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 8 }), (key, lanes) => {
      const lane = laneOf(key, lanes);
      expect(lane).toBe(laneOf(key, lanes));
      expect(lane).toBeGreaterThanOrEqual(0);
      expect(lane).toBeLessThan(lanes);
    }));
  });

  it('spreads senders evenly over two lanes', () => {
    const counts = [0, 0];
    for (let i = 0; i < 10_000; i++) counts[laneOf(`webchat\u0000visitor-${i}`, 2)]++;
    expect(Math.min(...counts)).toBeGreaterThan(4_500);
  });

  it('has one lane when there is one', () => {
    expect(laneOf('telegram\u000042', 1)).toBe(0);
  });
});
