import { snoozeUntil } from './snooze-presets';

describe('snoozeUntil', () => {
  const monday13Moscow = new Date('2026-11-30T10:00:00Z');

  it('an hour is an hour', () => {
    expect(snoozeUntil('hour', monday13Moscow, 'Europe/Moscow').toISOString()).toBe('2026-11-30T11:00:00.000Z');
  });

  it('tomorrow and next Monday at 9:00 on the agent\'s wall clock', () => {
    expect(snoozeUntil('tomorrow', monday13Moscow, 'Europe/Moscow').toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(snoozeUntil('monday', monday13Moscow, 'Europe/Moscow').toISOString()).toBe('2026-12-07T06:00:00.000Z'); // Monday today: the next one
    expect(snoozeUntil('tomorrow', monday13Moscow, 'Asia/Vladivostok').toISOString()).toBe('2026-11-30T23:00:00.000Z'); // already 20:00 there
  });

  it('the local day, not the UTC day, decides what tomorrow is', () => {
    const sunday2330Moscow = new Date('2026-11-29T20:30:00Z');
    expect(snoozeUntil('tomorrow', sunday2330Moscow, 'Europe/Moscow').toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(snoozeUntil('monday', sunday2330Moscow, 'Europe/Moscow').toISOString()).toBe('2026-11-30T06:00:00.000Z');
  });

  it('follows a change of offset overnight (US clocks go forward on 8 March 2026)', () => {
    const saturdayNewYork = new Date('2026-03-07T20:00:00Z'); // 15:00 EST
    expect(snoozeUntil('tomorrow', saturdayNewYork, 'America/New_York').toISOString()).toBe('2026-03-08T13:00:00.000Z'); // 9:00 EDT
  });
});
