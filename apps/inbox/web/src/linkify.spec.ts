import { linkify } from './linkify';

describe('linkify', () => {
  it('leaves text without addresses as one plain run', () => {
    expect(linkify('Здравствуйте, не приходит код')).toEqual([{ text: 'Здравствуйте, не приходит код' }]);
  });

  it('turns http, https and www addresses into links, the sentence\'s punctuation staying text', () => {
    expect(linkify('Смотрите https://shop.example.com/order/42?x=1, или www.example.ru.')).toEqual([
      { text: 'Смотрите ' },
      { text: 'https://shop.example.com/order/42?x=1', href: 'https://shop.example.com/order/42?x=1' },
      { text: ', или ' },
      { text: 'www.example.ru', href: 'https://www.example.ru' },
      { text: '.' },
    ]);
  });

  it('keeps a bracket that belongs to the address and drops one that closes the sentence', () => {
    expect(linkify('(see https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual([
      { text: '(see ' },
      { text: 'https://en.wikipedia.org/wiki/Foo_(bar)', href: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
      { text: ')' },
    ]);
  });

  it('never links other schemes', () => {
    const parts = linkify('javascript:alert(1) data:text/html,<b>x</b> ftp://x.example');
    expect(parts.every((p) => p.href === undefined)).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe('javascript:alert(1) data:text/html,<b>x</b> ftp://x.example');
  });

  it('loses no character of the text', () => {
    const text = 'a https://a.example/b. b http://c.example/d?e=f#g! «www.h.example»';
    expect(linkify(text).map((p) => p.text).join('')).toBe(text);
  });
});
