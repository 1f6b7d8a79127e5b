import { formatLocation, keepAttachment, mediaFileName, reasonOf } from './inbound-content';

describe('formatLocation', () => {
  it('writes name, address, coordinates and a map link', () => {
    expect(formatLocation({ latitude: 52.52, longitude: 13.405, name: 'Office', address: 'Unter den Linden 1' }))
      .toBe('Location: Office, Unter den Linden 1 (52.52,13.405) https://maps.google.com/?q=52.52,13.405');
    expect(formatLocation({ latitude: '1.5', longitude: '-2' })).toBe('Location (1.5,-2) https://maps.google.com/?q=1.5,-2');
  });
});

describe('mediaFileName', () => {
  it('keeps the sent name, or names the file by kind and type', () => {
    expect(mediaFileName('document', 'application/pdf', 'invoice.pdf')).toBe('invoice.pdf');
    expect(mediaFileName('ptt', 'audio/ogg; codecs=opus')).toBe('voice.ogg');
    expect(mediaFileName('image', 'image/jpeg')).toBe('image.jpg');
    expect(mediaFileName('document', 'application/vnd.ms-excel')).toBe('document.bin');
    expect(mediaFileName('image', 'image/heic')).toBe('image.heic');
  });
});

describe('keepAttachment', () => {
  const saved: Buffer[] = [];
  const storage = { maxAttachmentBytes: 10, saveAttachment: async (d: Buffer) => { saved.push(d); return `key-${saved.length}`; } };
  const info = { name: 'a.jpg', contentType: 'image/jpeg' };

  it('stores a file within the limit', async () => {
    expect(await keepAttachment(storage, info, async () => Buffer.from('12345'))).toEqual({ ...info, size: 5, storageKey: 'key-1' });
  });

  it('records a file over the limit with a note, without downloading when the size is announced', async () => {
    const load = jest.fn(async () => Buffer.alloc(20));
    expect(await keepAttachment(storage, { ...info, size: 20 }, load)).toMatchObject({ size: 20, note: expect.stringMatching(/over the 10-byte limit/) });
    expect(load).not.toHaveBeenCalled();
    expect(await keepAttachment(storage, info, load)).toMatchObject({ size: 20, note: expect.stringMatching(/over the 10-byte limit/) });
    expect((await keepAttachment(storage, info, async () => null)).note).toMatch(/no longer available/);
  });
});

describe('reasonOf', () => {
  it('reads errors and thrown strings', () => {
    expect(reasonOf(new Error('boom'))).toBe('boom');
    expect(reasonOf('auth timeout')).toBe('auth timeout');
  });
});
