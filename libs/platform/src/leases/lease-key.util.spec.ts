import { leaseKeyOf, ownerFromLabel, ownerLabelOf } from './lease-key.util';

describe('lease keys', () => {
  it('are stable, positive 31-bit integers that tell names apart', () => {
    expect(leaseKeyOf('channel:telegram')).toBe(leaseKeyOf('channel:telegram'));
    expect(leaseKeyOf('channel:telegram')).not.toBe(leaseKeyOf('channel:telegram2'));
    for (const name of ['', 'a', 'inbox:channel', 'канал:почта']) {
      const key = leaseKeyOf(name);
      expect(Number.isInteger(key)).toBe(true);
      expect(key).toBeGreaterThanOrEqual(0);
      expect(key).toBeLessThanOrEqual(0x7fffffff);
    }
  });

  it('carry the owner in the connection name and read it back', () => {
    expect(ownerFromLabel(ownerLabelOf({ host: 'worker-1', pid: 4242 }))).toEqual({ host: 'worker-1', pid: 4242 });
    expect(ownerFromLabel('psql')).toBeNull();
    expect(ownerFromLabel(null)).toBeNull();
  });
});
