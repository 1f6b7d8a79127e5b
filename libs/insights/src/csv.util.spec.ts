import { toCsv } from './csv.util';

describe('toCsv', () => {
  it('writes a header and one line per row, empty for null, quoting what needs it', () => {
    expect(toCsv([{ a: 1, b: null, c: 'x,y' }, { a: 2.5, b: 'say "hi"', c: 'line\nbreak' }]))
      .toBe('a,b,c\r\n1,,"x,y"\r\n2.5,"say ""hi""","line\nbreak"\r\n');
  });

  it('keeps the header of an empty table and never lets a cell run as a spreadsheet formula', () => {
    expect(toCsv([], ['channelId', 'opened'])).toBe('channelId,opened\r\n');
    expect(toCsv([{ name: '=HYPERLINK("x")', n: -3 }])).toBe('name,n\r\n"\'=HYPERLINK(""x"")",-3\r\n');
  });
});
