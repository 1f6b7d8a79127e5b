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

  it('counts a recipient\'s interval from the end of its previous send, however long that one waited or took', async () => {
    // The channel's slot is busy with a slow send to another recipient, and the first send to "a" is slow itself: the peer
    // saw it arrive some time before its answer, so the next one to "a" leaves a full interval after that answer.
    const limiter = new SendLimiter({ channelIntervalMs: 0, recipientIntervalMs: 150 });
    const slow = (ms: number, log: number[]) => async () => {
      log.push(Date.now());
      await new Promise((r) => setTimeout(r, ms));
      log.push(Date.now());
    };
    const other: number[] = [];
    const a: number[] = [];
    await Promise.all([limiter.schedule('other', slow(80, other)), limiter.schedule('a', slow(100, a)), limiter.schedule('a', slow(0, a))]);
    const [, firstEnded, secondStarted] = a;
    expect(a[0]).toBeGreaterThanOrEqual(other[1]); // one send at a time in the channel
    expect(secondStarted - firstEnded).toBeGreaterThanOrEqual(150);
    await limiter.stop();
  });

  it('spaces a recipient\'s sends after a failed one too, and stops without waiting out the interval', async () => {
    const limiter = new SendLimiter({ channelIntervalMs: 0, recipientIntervalMs: 150 });
    const at: number[] = [];
    const failed = limiter.schedule('a', async () => {
      at.push(Date.now());
      throw new Error('refused');
    });
    await expect(failed).rejects.toThrow('refused');
    await limiter.schedule('a', async () => at.push(Date.now()));
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(150);
    const waiting = limiter.schedule('a', async () => 'sent');
    const stopping = Date.now();
    await limiter.stop();
    expect(Date.now() - stopping).toBeLessThan(100);
    await expect(waiting).rejects.toThrow('stopped');
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
