import { cleanName, cleanText, cut, fitId, INBOUND_LIMITS, isBlankText, normaliseInbound, storableDeep, storableText } from './inbound-text.util';

describe('storableText', () => {
  it('removes NUL and the other C0 controls but keeps tab, line feed and carriage return', () => {
    expect(storableText('x\u0000y')).toBe('xy');
    expect(storableText('a\u0001\u0008\u000B\u000C\u001B\u001F\u007Fb')).toBe('ab');
    expect(storableText('line 1\r\n\tline 2')).toBe('line 1\r\n\tline 2');
  });

  it('replaces lone surrogates with U+FFFD and keeps pairs', () => {
    expect(storableText('a\uD800b')).toBe('a\uFFFDb');
    expect(storableText('a\uDC00b')).toBe('a\uFFFDb');
    expect(storableText('end\uD83D')).toBe('end\uFFFD');
    expect(storableText('😀 ok')).toBe('😀 ok');
    expect(storableText('\uDE00\uD83D')).toBe('\uFFFD\uFFFD'); // reversed halves are two lone ones
  });

  it('keeps direction controls in text (right-to-left writing needs them)', () => {
    expect(storableText('שלום \u202Bworld\u202C')).toBe('שלום \u202Bworld\u202C');
  });
});

describe('cleanText and isBlankText', () => {
  it('trims after cleaning, so controls and spaces alone are blank', () => {
    expect(cleanText('  \u0000 hello \n')).toBe('hello');
    expect(isBlankText(' \t\n\u0000 ')).toBe(true);
    expect(isBlankText('')).toBe(true);
    expect(isBlankText(' . ')).toBe(false);
  });
});

describe('cleanName', () => {
  it('removes every direction control, so a name cannot reverse what follows it', () => {
    expect(cleanName('Bob \u202Eexe.gnp')).toBe('Bob exe.gnp');
    expect(cleanName('\u2066A\u2067B\u2068C\u2069\u200ED\u200FE\u061CF\u202A\u202B\u202C\u202D')).toBe('ABCDEF');
  });

  it('folds a name to one line and gives null when nothing is left', () => {
    expect(cleanName(' Anna\n\tSmith\u0000 ')).toBe('Anna Smith');
    expect(cleanName('\u202E \u0000')).toBeNull();
    expect(cleanName(null)).toBeNull();
    expect(cleanName(undefined)).toBeNull();
  });
});

describe('storableDeep', () => {
  it('cleans strings in nested objects and arrays, keys included, and leaves other values alone', () => {
    const at = new Date(0);
    expect(storableDeep({ 'k\u0000': ['a\u0000', { b: 'c\uD800' }], n: 1, t: true, z: null, at })).toEqual({ k: ['a', { b: 'c\uFFFD' }], n: 1, t: true, z: null, at });
  });
});

describe('normaliseInbound', () => {
  it('cleans every customer-supplied string of a message', () => {
    const out = normaliseInbound({
      externalId: '<id\u0000@x>',
      sender: { externalId: 'anna\u0000@x', name: 'Anna \u202Egnp' },
      text: '  x\u0000y \n',
      html: '<p>x\u0000y</p>',
      subject: ' Re:\u0000 hi ',
      attachments: [{ name: 'a\u202Efdp.exe', contentType: 'text/plain\u0000', size: 1 }],
      threadRefs: ['<r\u0000@x>'],
      meta: { subject: 'hi\u0000' },
      sentAt: new Date(5),
    });
    expect(out).toEqual({
      externalId: '<id@x>',
      sender: { externalId: 'anna@x', name: 'Anna gnp' },
      text: 'xy',
      html: '<p>xy</p>',
      subject: 'Re: hi',
      attachments: [{ name: 'afdp.exe', contentType: 'text/plain', size: 1 }],
      threadRefs: ['<r@x>'],
      meta: { subject: 'hi' },
      sentAt: new Date(5),
    });
  });

  it('adds no keys the message did not have, and an emptied subject becomes null', () => {
    expect(normaliseInbound({ externalId: 'e', sender: { externalId: 's' }, text: 't' })).toEqual({ externalId: 'e', sender: { externalId: 's', name: null }, text: 't' });
    expect(normaliseInbound({ externalId: 'e', sender: { externalId: 's' }, text: 't', subject: '\u0000 ' }).subject).toBeNull();
  });
});

describe('cut and fitId: strings fit the columns they go to', () => {
  it('cuts by characters, not UTF-16 units, and marks the cut', () => {
    expect(cut('short', 10)).toBe('short');
    expect(cut('😀😀😀', 3)).toBe('😀😀😀');
    expect(cut('😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('keeps a fitting id, and makes a long one fit, the same every time and distinct from its neighbours', () => {
    expect(fitId('<a@b>', 255)).toBe('<a@b>');
    const long = `<${'x'.repeat(300)}@example.com>`;
    const fitted = fitId(long, 255);
    expect(Array.from(fitted)).toHaveLength(255);
    expect(fitted.startsWith('<xxx')).toBe(true);
    expect(fitId(long, 255)).toBe(fitted);
    expect(fitId(long.replace('example', 'exampl3'), 255)).not.toBe(fitted);
  });

  it('fits a message whose name, subject and ids are longer than their columns', () => {
    const out = normaliseInbound({
      externalId: 'm'.repeat(400), sender: { externalId: 's'.repeat(400), name: 'N'.repeat(400) }, text: 't', subject: 'S'.repeat(900), threadRefs: ['m'.repeat(400)],
    });
    expect(out.externalId).toHaveLength(INBOUND_LIMITS.messageId);
    expect(out.threadRefs).toEqual([out.externalId]); // a reply's reference still finds the message
    expect(out.sender.externalId).toHaveLength(INBOUND_LIMITS.senderId);
    expect(out.sender.name).toHaveLength(INBOUND_LIMITS.name);
    expect(out.subject).toHaveLength(INBOUND_LIMITS.subject);
  });
});
