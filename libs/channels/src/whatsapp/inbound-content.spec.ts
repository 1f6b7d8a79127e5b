import { formatLocation, mediaFileName, reasonOf } from './inbound-content';

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

describe('reasonOf', () => {
  it('reads errors and thrown strings', () => {
    expect(reasonOf(new Error('boom'))).toBe('boom');
    expect(reasonOf('auth timeout')).toBe('auth timeout');
  });
});
