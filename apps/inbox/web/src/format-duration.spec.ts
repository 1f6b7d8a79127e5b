import { formatClock, formatWait } from './format-duration';

const units = { d: 'd', h: 'h', m: 'm', s: 's' };

describe('formatClock', () => {
  it('ticks as minutes:seconds, hours when needed, days beyond a day', () => {
    expect(formatClock(300_000, units)).toBe('5:00');
    expect(formatClock(299_001, units)).toBe('5:00');
    expect(formatClock(299_000, units)).toBe('4:59');
    expect(formatClock(1, units)).toBe('0:01');
    expect(formatClock(3_723_000, units)).toBe('1:02:03');
    expect(formatClock(2 * 86_400_000 + 3 * 3_600_000, units)).toBe('2d 3h');
  });

  it('shows overdue time with a minus sign, rounded down', () => {
    expect(formatClock(0, units)).toBe('0:00');
    expect(formatClock(-999, units)).toBe('0:00');
    expect(formatClock(-12_500, units)).toBe('−0:12');
    expect(formatClock(-3_600_000, { d: 'д', h: 'ч', m: 'мин', s: 'с' })).toBe('−1:00:00');
  });
});

describe('formatWait', () => {
  it('keeps the two largest units', () => {
    expect(formatWait(45, units)).toBe('45s');
    expect(formatWait(200, units)).toBe('3m 20s');
    expect(formatWait(300, units)).toBe('5m');
    expect(formatWait(3900, units)).toBe('1h 5m');
    expect(formatWait(7200, units)).toBe('2h');
    expect(formatWait(2 * 86_400 + 3 * 3600 + 59, units)).toBe('2d 3h');
    expect(formatWait(-5, units)).toBe('0s');
  });
});
