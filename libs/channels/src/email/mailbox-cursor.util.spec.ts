import { cursorKey, formatCursor, parseCursor, planSync } from './mailbox-cursor.util';

describe('mailbox cursor', () => {
  const cursor = { uidValidity: '1700000000', lastUid: 41, since: '2026-01-10T12:00:00.000Z' };

  it('round-trips and rejects anything malformed', () => {
    expect(parseCursor(formatCursor(cursor))).toEqual(cursor);
    expect(parseCursor(null)).toBeNull();
    expect(parseCursor('41')).toBeNull();
    expect(parseCursor('{"uidValidity":1,"lastUid":2,"since":"x"}')).toBeNull();
    expect(parseCursor('not json')).toBeNull();
    expect(cursorKey('INBOX')).toBe('imap:INBOX');
  });

  it('starts at the end of the mailbox the first time', () => {
    expect(planSync(null, '1700000000')).toEqual({ kind: 'start-at-end' });
  });

  it('resumes after the last stored UID', () => {
    expect(planSync(cursor, '1700000000')).toEqual({ kind: 'after', lastUid: 41 });
  });

  it('resyncs everything since the channel started (with slack for clocks) when UIDVALIDITY changes', () => {
    expect(planSync(cursor, '1800000000')).toEqual({ kind: 'resync', since: new Date('2026-01-10T11:50:00.000Z') });
    expect(planSync({ ...cursor, since: 'garbage' }, '1800000000')).toEqual({ kind: 'resync', since: new Date(0) });
  });
});
