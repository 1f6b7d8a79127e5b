import { formatMessageId, normaliseMessageId, outboundMessageId, parseMessageIdList, syntheticMessageId } from './parse-message-id.util';

describe('normaliseMessageId', () => {
  it('strips brackets and white space and keeps case', () => {
    expect(normaliseMessageId(' <AbC.123@Mail.Example.com> ')).toBe('AbC.123@Mail.Example.com');
    expect(normaliseMessageId('plain@example.com')).toBe('plain@example.com');
    expect(normaliseMessageId('<folded\r\n @example.com>')).toBe('folded@example.com');
  });

  it('returns null for nothing usable', () => {
    expect(normaliseMessageId(undefined)).toBeNull();
    expect(normaliseMessageId('')).toBeNull();
    expect(normaliseMessageId('<>')).toBeNull();
  });

  it('hashes ids too long to store, stably', () => {
    const long = `<${'x'.repeat(300)}@example.com>`;
    const id = normaliseMessageId(long)!;
    expect(id.length).toBeLessThanOrEqual(255);
    expect(normaliseMessageId(long)).toBe(id);
  });
});

describe('parseMessageIdList', () => {
  it('collects In-Reply-To and References ids in order, without repeats', () => {
    expect(parseMessageIdList('<c@d>', ['<a@b>', '<c@d>'], '<e@f> <g@h>')).toEqual(['c@d', 'a@b', 'e@f', 'g@h']);
  });

  it('accepts ids without brackets and ignores comments and junk', () => {
    expect(parseMessageIdList('a@b (sent by Outlook)', 'not-an-id', undefined, null)).toEqual(['a@b']);
    expect(parseMessageIdList('<x@y> (comment <not an id>)')).toEqual(['x@y']);
  });
});

describe('our ids', () => {
  it('gives an outbound message the same Message-ID on every attempt, and different messages different ones', () => {
    const first = outboundMessageId('support@acme.test', 42, 7);
    expect(first).toMatch(/^inbox\.42\.7\.[0-9a-f]{16}@acme\.test$/);
    expect(outboundMessageId('Support@ACME.test', 42, 7)).toBe(first);
    expect(outboundMessageId('support@acme.test', 42, 8)).not.toBe(first);
    expect(outboundMessageId('help@other.test', 42, 7)).not.toBe(first);
    expect(formatMessageId('r1@acme.test')).toBe('<r1@acme.test>');
  });

  it('gives a mail without Message-ID the same synthetic id every time', () => {
    const a = syntheticMessageId(['from@x', 'Mon, 1 Jan', 'subject', 'body']);
    expect(a).toBe(syntheticMessageId(['from@x', 'Mon, 1 Jan', 'subject', 'body']));
    expect(a).not.toBe(syntheticMessageId(['from@x', 'Mon, 1 Jan', 'subject', 'other body']));
    expect(a).toMatch(/^synthetic-[0-9a-f]{40}@support-inbox\.invalid$/);
  });
});
