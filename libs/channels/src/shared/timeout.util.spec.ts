import { settleWithin, withTimeout } from './timeout.util';

describe('withTimeout', () => {
  it('passes a result that comes in time through', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000)).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('refused')), 1000)).rejects.toThrow('refused');
  });

  it('rejects with the message once the time is up, and settleWithin just stops waiting', async () => {
    const never = new Promise(() => undefined);
    await expect(withTimeout(never, 30, 'WhatsApp Web did not load within 0 s')).rejects.toThrow('WhatsApp Web did not load within 0 s');
    const start = Date.now();
    await settleWithin(never, 30);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
