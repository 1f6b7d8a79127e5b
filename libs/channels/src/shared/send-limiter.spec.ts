import { SendLimiter } from './send-limiter';

describe('SendLimiter', () => {
  it('spaces the sends of a channel by its interval, one at a time', async () => {
    const limiter = new SendLimiter({ channelIntervalMs: 60 });
    const at: number[] = [];
    await Promise.all([1, 2, 3].map((n) => limiter.schedule(`r${n}`, async () => at.push(Date.now()))));
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(40);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(40);
    await limiter.stop();
  });

  it('spaces sends to one recipient by its own interval while others go at the channel rate', async () => {
    const limiter = new SendLimiter({ channelIntervalMs: 0, recipientIntervalMs: 150 });
    const at: Record<string, number[]> = { a: [], b: [] };
    const start = Date.now();
    await Promise.all([limiter.schedule('a', async () => at.a.push(Date.now() - start)), limiter.schedule('a', async () => at.a.push(Date.now() - start)),
      limiter.schedule('b', async () => at.b.push(Date.now() - start))]);
    expect(at.a[1] - at.a[0]).toBeGreaterThanOrEqual(120);
    expect(at.b[0]).toBeLessThan(100);
    await limiter.stop();
  });

  it('holds every send after a pause, and rejects what waits when stopped', async () => {
    const limiter = new SendLimiter({ channelIntervalMs: 0 });
    limiter.pause(120);
    const start = Date.now();
    await limiter.schedule('a', async () => undefined);
    expect(Date.now() - start).toBeGreaterThanOrEqual(100);
    limiter.pause(10_000);
    const running = limiter.schedule('a', async () => 'sent');
    const waiting = limiter.schedule('b', async () => 'sent');
    const outcomes = Promise.allSettled([running, waiting]);
    await new Promise((r) => setTimeout(r, 20));
    await limiter.stop();
    expect((await outcomes).map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
