import fc from 'fast-check';
import { decodeCursor, encodeCursor, ListCursor } from './list-cursor.util';

describe('list cursor', () => {
  it('round-trips every cursor', () => {
    const cursor = fc.oneof(
      fc.record({ phase: fc.constant(0 as const), dueAt: fc.nat(), waitingSince: fc.nat(), id: fc.nat() }),
      fc.record({ phase: fc.constant(1 as const), dueAt: fc.constant(null), waitingSince: fc.nat(), id: fc.nat() }),
    );
    fc.assert(fc.property(cursor, (c: ListCursor) => expect(decodeCursor(encodeCursor(c))).toEqual(c)));
  });

  it('rejects garbage and tampered cursors', () => {
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('[2,1,1,1]').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('[0,null,1,1]').toString('base64url'))).toBeNull();
  });
});
