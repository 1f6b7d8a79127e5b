import { decodeUploadName } from './upload-name.util';

describe('decodeUploadName', () => {
  it('repairs UTF-8 names that arrived as Latin-1', () => {
    const garbled = Buffer.from('инструкция.pdf', 'utf8').toString('latin1');
    expect(decodeUploadName(garbled)).toBe('инструкция.pdf');
  });

  it('keeps ASCII, proper Unicode and genuine Latin-1 names', () => {
    expect(decodeUploadName('invoice.pdf')).toBe('invoice.pdf');
    expect(decodeUploadName('счёт.pdf')).toBe('счёт.pdf');
    expect(decodeUploadName('café.txt')).toBe('café.txt');
  });
});
