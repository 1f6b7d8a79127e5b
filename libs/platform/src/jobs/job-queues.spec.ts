import { InProcessJobQueues } from './job-queues';

describe('in-process job queues', () => {
  it('runs a keyed job once at its time, in order per queue, and waits for a consumer', async () => {
    const queues = new InProcessJobQueues();
    const ran: unknown[] = [];
    await queues.add('q', 'a', { n: 1 });
    await queues.add('q', 'a', { n: 'repeat' }); // same key while waiting: nothing added
    await queues.add('q', 'b', { n: 2 }, Date.now() + 30);
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([]); // nobody consumes yet
    const stop = await queues.consume('q', async (data) => void ran.push(data.n));
    await new Promise((r) => setTimeout(r, 60));
    expect(ran).toEqual([1, 2]);
    await stop();
    await queues.add('q', 'a', { n: 3 }); // the key ran: it may run again
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([1, 2]);
    queues.onApplicationShutdown();
  });
});
