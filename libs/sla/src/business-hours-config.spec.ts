import { parseBusinessHours } from './business-hours';

const KEY = 'policies.email.businessHours';
const valid = {
  timeZone: 'Europe/Moscow',
  weekly: { mon: ['09:00-18:00'], tue: ['09:00-13:00', '14:00-18:00'], sat: '10:00-14:00', sun: null },
  holidays: ['2026-01-01', '2026-01-02'],
};

describe('parseBusinessHours', () => {
  it('accepts "always"', () => {
    expect(parseBusinessHours('always', KEY)).toEqual({ kind: 'always' });
  });

  it('normalises a schedule', () => {
    expect(parseBusinessHours(valid, KEY)).toEqual({
      kind: 'schedule',
      timeZone: 'Europe/Moscow',
      weekly: {
        mon: [{ from: '09:00', to: '18:00' }],
        tue: [
          { from: '09:00', to: '13:00' },
          { from: '14:00', to: '18:00' },
        ],
        sat: [{ from: '10:00', to: '14:00' }],
      },
      holidays: ['2026-01-01', '2026-01-02'],
    });
  });

  it('accepts 24:00, one-digit hours, missing holidays and YAML 1.1 dates', () => {
    const parsed = parseBusinessHours(
      { timeZone: 'UTC', weekly: { fri: ['9:00 - 24:00'] }, holidays: [new Date('2026-05-01T00:00:00Z')] },
      KEY,
    );
    expect(parsed).toEqual({ kind: 'schedule', timeZone: 'UTC', weekly: { fri: [{ from: '09:00', to: '24:00' }] }, holidays: ['2026-05-01'] });
    expect(parseBusinessHours({ timeZone: 'UTC', weekly: { fri: ['09:00-18:00'] } }, KEY)).toMatchObject({ holidays: [] });
  });

  it('accepts its own output, so stored values can be validated again', () => {
    const once = parseBusinessHours(valid, KEY);
    expect(parseBusinessHours(JSON.parse(JSON.stringify(once)), KEY)).toEqual(once);
    expect(parseBusinessHours({ kind: 'always' }, KEY)).toEqual({ kind: 'always' });
  });

  it.each<[string, unknown, string]>([
    ['a number', 5, `${KEY}: expected "always" or a schedule with timeZone, weekly and holidays, got 5`],
    ['another word', 'never', `${KEY}: expected "always" or a schedule`],
    ['a list', ['09:00-18:00'], `${KEY}: expected "always" or a schedule`],
    ['an unknown zone', { ...valid, timeZone: 'Mars/Base' }, `${KEY}.timeZone: expected an IANA time zone such as Europe/Moscow, got "Mars/Base"`],
    ['a missing zone', { weekly: valid.weekly }, `${KEY}.timeZone: expected an IANA time zone such as Europe/Moscow, got nothing`],
    ['an unknown key', { ...valid, timezone: 'UTC' }, `${KEY}.timezone: unknown key`],
    ['a missing weekly', { timeZone: 'UTC' }, `${KEY}.weekly: expected a mapping of weekdays`],
    ['a bad weekday', { timeZone: 'UTC', weekly: { monday: ['09:00-18:00'] } }, `${KEY}.weekly.monday: expected a weekday`],
    ['a bad range', { timeZone: 'UTC', weekly: { mon: ['9-18'] } }, `${KEY}.weekly.mon[0]: expected HH:MM-HH:MM`],
    ['minutes past 59', { timeZone: 'UTC', weekly: { mon: ['09:00-18:60'] } }, `${KEY}.weekly.mon[0]: expected HH:MM-HH:MM`],
    ['24:30', { timeZone: 'UTC', weekly: { mon: ['09:00-24:30'] } }, `${KEY}.weekly.mon[0]: expected HH:MM-HH:MM`],
    ['the second range bad', { timeZone: 'UTC', weekly: { tue: ['09:00-12:00', 'lunch'] } }, `${KEY}.weekly.tue[1]: expected HH:MM-HH:MM`],
    ['an overnight range', { timeZone: 'UTC', weekly: { mon: ['22:00-02:00'] } }, `${KEY}.weekly.mon[0]: expected the opening time before the closing time`],
    ['an empty range', { timeZone: 'UTC', weekly: { mon: ['09:00-09:00'] } }, `${KEY}.weekly.mon[0]: expected the opening time before`],
    ['overlapping ranges', { timeZone: 'UTC', weekly: { mon: ['12:00-18:00', '09:00-13:00'] } }, `${KEY}.weekly.mon[0]: overlaps 09:00-13:00`],
    ['no open time', { timeZone: 'UTC', weekly: { mon: [], sun: null } }, `${KEY}.weekly: expected at least one open interval`],
    ['holidays not a list', { ...valid, holidays: '2026-01-01' }, `${KEY}.holidays: expected a list of dates`],
    ['an impossible holiday', { ...valid, holidays: ['2026-01-01', '2026-02-30'] }, `${KEY}.holidays[1]: expected a date YYYY-MM-DD, got "2026-02-30"`],
  ])('rejects %s, naming the key path', (_what, raw, message) => {
    expect(() => parseBusinessHours(raw, KEY)).toThrow(message);
  });

  it('starts every message with the key path', () => {
    try {
      parseBusinessHours({ timeZone: 'UTC', weekly: { mon: ['x'] } }, KEY);
      throw new Error('should have thrown');
    } catch (err) {
      expect((err as Error).message.startsWith(`${KEY}.weekly.mon[0]: `)).toBe(true);
    }
  });
});
