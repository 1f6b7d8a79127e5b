import { formatBytes, keepAttachment, overLimitNote } from './keep-attachment';

describe('keepAttachment', () => {
  const saved: Buffer[] = [];
  const storage = { maxAttachmentBytes: 10, saveAttachment: async (d: Buffer) => { saved.push(d); return `key-${saved.length}`; } };
  const info = { name: 'a.jpg', contentType: 'image/jpeg' };

  it('stores a file within the limit', async () => {
    expect(await keepAttachment(storage, info, async () => Buffer.from('12345'))).toEqual({ ...info, size: 5, storageKey: 'key-1' });
  });

  it('records a file over the limit with a note, without downloading when the size is announced', async () => {
    const load = jest.fn(async () => Buffer.alloc(20));
    expect(await keepAttachment(storage, { ...info, size: 20 }, load)).toMatchObject({ size: 20, note: expect.stringMatching(/^not stored: 20 B is over the 10 B limit$/) });
    expect(load).not.toHaveBeenCalled();
    expect(await keepAttachment(storage, info, load)).toMatchObject({ size: 20, note: expect.stringMatching(/^not stored: 20 B is over the 10 B limit$/) });
    expect((await keepAttachment(storage, info, async () => null)).note).toMatch(/no longer available/);
  });
});

describe('attachment notes', () => {
  it('formats sizes the way people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(25.3 * 1024 * 1024)).toBe('25.3 MB');
  });

  it('says why a file was not kept, with its size when known', () => {
    expect(overLimitNote(25 * 1024 * 1024, 20 * 1024 * 1024)).toBe('not stored: 25 MB is over the 20 MB limit');
    expect(overLimitNote(undefined, 1024)).toBe('not stored: it is over the 1 KB limit');
  });
});
