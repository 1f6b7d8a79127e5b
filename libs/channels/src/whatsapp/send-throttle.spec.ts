import { backoffMs, SendThrottle } from './send-throttle';

describe('SendThrottle', () => {
  it('lets the first send through and spaces the next ones by the interval', async () => {
    let now = 1000;
    const slept: number[] = [];
    const throttle = new SendThrottle(500, () => now, async (ms) => {
      slept.push(ms);
      now += ms;
    });
    await throttle.wait();
    await throttle.wait();
    now += 100;
    await throttle.wait();
    now += 2000;
    await throttle.wait();
    expect(slept).toEqual([500, 400]);
  });

  it('gives concurrent callers separate slots', async () => {
    const slept: number[] = [];
    const throttle = new SendThrottle(100, () => 0, async (ms) => { slept.push(ms); });
    await Promise.all([throttle.wait(), throttle.wait(), throttle.wait()]);
    expect(slept).toEqual([100, 200]);
  });
});

describe('backoffMs', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 40].map((a) => backoffMs(a, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});
