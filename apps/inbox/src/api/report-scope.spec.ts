import { InvalidRequestError } from '@app/conversations';
import { reportPeriod } from './report-scope';

const now = new Date('2026-11-30T12:00:00Z');

describe('reportPeriod', () => {
  it('ends now and starts the default days before when the query names neither end', () => {
    expect(reportPeriod({}, now, 7)).toEqual({ from: new Date('2026-11-23T12:00:00Z'), to: now });
  });

  it('counts the default days back from the given end, and takes a given start as it is', () => {
    expect(reportPeriod({ to: '2026-11-01T00:00:00Z' }, now, 30).from).toEqual(new Date('2026-10-02T00:00:00Z'));
    expect(reportPeriod({ from: '2026-11-29T00:00:00Z' }, now, 30)).toEqual({ from: new Date('2026-11-29T00:00:00Z'), to: now });
  });

  it('refuses a start after the end, naming from', () => {
    const refuse = () => reportPeriod({ from: '2026-12-01T00:00:00Z' }, now, 7);
    expect(refuse).toThrow(InvalidRequestError);
    expect(refuse).toThrow('from: must be before to');
  });

  it('refuses a period longer than the most days only when a most is given', () => {
    const query = { from: '2025-01-01T00:00:00Z' };
    expect(() => reportPeriod(query, now, 7, 400)).toThrow('from: the period may cover at most 400 days');
    expect(reportPeriod(query, now, 7).from).toEqual(new Date('2025-01-01T00:00:00Z'));
  });
});
