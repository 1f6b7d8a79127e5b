import fc from 'fast-check';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['12h', 43_200_000],
    ['2d', 172_800_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['500ms', 500],
    ['1m500ms', 60_500],
    [' 2d 3h ', 183_600_000],
  ])('reads %j as %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['abc', '', '   ', '0m', '0s0ms', '-5m', '5', 'm', '1.5h', '5M', '30m1h', '1h1h', '5mm', '1 h 2 x', '99999999999999999d'])(
    'rejects %j with a message naming the input',
    (input) => {
      expect(() => parseDuration(input)).toThrow(`expected a duration such as 90s, 5m, 12h or 2d, got ${JSON.stringify(input)}`);
    },
  );

  it('rejects non-strings from untyped config', () => {
    expect(() => parseDuration(5 as unknown as string)).toThrow('got 5');
    expect(() => parseDuration(undefined as unknown as string)).toThrow('got nothing');
  });
});

describe('formatDuration', () => {
  it.each([
    [300_000, '5m'],
    [43_200_000, '12h'],
    [5_400_000, '1h 30m'],
    [90_000, '1m 30s'],
    [500, '500ms'],
    [0, '0s'],
    [-300_000, '-5m'],
    [183_600_000, '2d 3h'],
  ])('formats %d as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('rejects non-finite numbers', () => {
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips through parseDuration for any positive whole number of ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * 86_400_000 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
  });
});
