import { sleep } from './sleep.util';

describe('sleep', () => {
  it('ends early when aborted', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
    await expect(sleep(1)).resolves.toBeUndefined();
  });
});
