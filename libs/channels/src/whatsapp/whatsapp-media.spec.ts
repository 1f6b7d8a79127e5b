import { SendError } from '../channel-adapter';
import { textParts, whatsappMediaKind, whatsappMediaOf } from './whatsapp-media';

const file = (name: string, contentType: string, bytes: number) => ({ name, contentType, data: Buffer.alloc(bytes) });

describe('whatsapp media', () => {
  it('sends JPEG and PNG as photos, playable audio as voice, everything else as a document', () => {
    expect(whatsappMediaKind('image/jpeg')).toBe('image');
    expect(whatsappMediaKind('image/png')).toBe('image');
    expect(whatsappMediaKind('image/gif')).toBe('document');
    expect(whatsappMediaKind('audio/ogg; codecs=opus')).toBe('voice');
    expect(whatsappMediaKind('application/pdf')).toBe('document');
  });

  it('sends a long text in parts of at most 4096 characters, and no text part for an empty one', () => {
    expect(textParts('  ')).toEqual([]);
    expect(textParts('short')).toEqual(['short']);
    const parts = textParts('Слово и ещё слово. '.repeat(400));
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
  });

  it('refuses a file over WhatsApp\'s limit for its kind, permanently, naming the file', () => {
    expect(whatsappMediaOf([file('a.pdf', 'application/pdf', 6 * 1024 * 1024)]).map((m) => m.kind)).toEqual(['document']);
    let error: unknown;
    try {
      whatsappMediaOf([file('фото.png', 'image/png', 6 * 1024 * 1024)]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SendError);
    expect((error as SendError).message).toBe('WhatsApp refuses "фото.png": 6 MB is over its 5 MB limit for images');
    expect((error as SendError).options.permanent).toBe(true);
  });
});
