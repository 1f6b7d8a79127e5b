import { decodeEvent, encodeEvent } from './event-codec.util';

describe('event codec', () => {
  it('revives dates, nested and in arrays, and keeps date-like strings as strings', () => {
    const createdAt = new Date('2026-11-30T04:00:00.123Z');
    const payload = { message: { id: 7, createdAt, sentAt: null, parts: [{ at: createdAt }] }, alert: { dueAt: '2026-11-30T04:00:00.000Z' } };
    const back = decodeEvent(encodeEvent('message.created', 'p1', payload));
    expect(back.name).toBe('message.created');
    expect(back.origin).toBe('p1');
    const p = back.payload as typeof payload;
    expect(p.message.createdAt).toBeInstanceOf(Date);
    expect(p.message.createdAt.getTime()).toBe(createdAt.getTime());
    expect(p.message.parts[0].at).toBeInstanceOf(Date);
    expect(p.message.sentAt).toBeNull();
    expect(p.alert.dueAt).toBe('2026-11-30T04:00:00.000Z');
  });

  it('refuses text that is not an event', () => {
    expect(() => decodeEvent('{"hello":1}')).toThrow('not an inbox event');
    expect(() => decodeEvent('nope')).toThrow();
  });
});
