import { markedParts } from './marked-text';

describe('markedParts', () => {
  it('splits highlight HTML into text runs and decodes the escapes', () => {
    expect(markedParts('Если &lt;b&gt;<mark>принтер</mark> не <mark>печатает</mark> …')).toEqual([
      { text: 'Если <b>', marked: false },
      { text: 'принтер', marked: true },
      { text: ' не ', marked: false },
      { text: 'печатает', marked: true },
      { text: ' …', marked: false },
    ]);
    expect(markedParts('')).toEqual([]);
  });
});
