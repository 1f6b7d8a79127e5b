import { formatBytes, tooLargeNote } from './telegram-files';

describe('attachment notes', () => {
  it('formats sizes the way people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(25.3 * 1024 * 1024)).toBe('25.3 MB');
  });

  it('says why a file was not kept, with its size when known', () => {
    expect(tooLargeNote(25 * 1024 * 1024, 20 * 1024 * 1024)).toBe('file too large: 25 MB is over the 20 MB limit, not downloaded');
    expect(tooLargeNote(undefined, 1024)).toBe('file too large: it is over the 1 KB limit, not downloaded');
  });
});
