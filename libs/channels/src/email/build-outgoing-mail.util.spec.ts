import type { OutboundMessage } from '../channel-adapter';
import { buildOutgoingMail, textToHtml } from './build-outgoing-mail.util';

const channel = { address: 'support@acme.test', name: 'ACME Support' };
const base: OutboundMessage = {
  messageId: 10,
  conversationId: 42,
  to: { externalId: 'anna@customer.test', name: 'Anna' },
  text: 'Hello Anna,\n\nwe are on it.\nThanks',
  automatic: false,
  subject: 'Order missing',
  replyTo: { externalId: 'c2@customer.test', meta: { messageId: 'c2@customer.test', references: ['c1@customer.test', 'o1@acme.test'], subject: 'Re: Order missing [#42]' } },
  meta: null,
};

describe('buildOutgoingMail', () => {
  it('threads a reply to the customer mail: In-Reply-To, References, subject with the token', () => {
    expect(buildOutgoingMail(base, channel, 'new-1@acme.test')).toEqual({
      from: { name: 'ACME Support', address: 'support@acme.test' },
      to: { name: 'Anna', address: 'anna@customer.test' },
      subject: 'Re: Order missing [#42]',
      messageId: '<new-1@acme.test>',
      inReplyTo: '<c2@customer.test>',
      references: ['<c1@customer.test>', '<o1@acme.test>', '<c2@customer.test>'],
      text: 'Hello Anna,\n\nwe are on it.\nThanks',
      html: '<p>Hello Anna,</p>\n<p>we are on it.<br>Thanks</p>',
      headers: {},
      attachments: [],
    });
  });

  it('attaches the files the agent added', () => {
    const mail = buildOutgoingMail({ ...base, attachments: [{ name: 'invoice.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') }] }, channel, 'a@acme.test');
    expect(mail.attachments).toEqual([{ filename: 'invoice.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') }]);
  });

  it('marks automatic messages with the RFC 3834 headers', () => {
    const mail = buildOutgoingMail({ ...base, automatic: true }, channel, 'ack@acme.test');
    expect(mail.headers).toEqual({ 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' });
    expect(mail.inReplyTo).toBe('<c2@customer.test>');
  });

  it('falls back to the stored external id and the conversation subject', () => {
    const mail = buildOutgoingMail({ ...base, replyTo: { externalId: 'x@customer.test', meta: null }, subject: 'Where is it?' }, channel, 'n@acme.test');
    expect(mail).toMatchObject({ inReplyTo: '<x@customer.test>', references: ['<x@customer.test>'], subject: 'Re: Where is it? [#42]' });
  });

  it('starts a thread when there is nothing to answer', () => {
    const mail = buildOutgoingMail({ ...base, replyTo: null, subject: null, automatic: true }, channel, 'n@acme.test');
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.references).toBeUndefined();
    expect(mail.subject).toBe('Re: Your request [#42]');
    expect(mail.headers['Auto-Submitted']).toBe('auto-generated');
  });

  it('keeps the first and the latest references of a long thread', () => {
    const references = Array.from({ length: 30 }, (_, i) => `<r${i}@x>`).join(' ');
    const mail = buildOutgoingMail({ ...base, replyTo: { externalId: 'last@x', meta: { messageId: 'last@x', references } } }, channel, 'n@acme.test');
    expect(mail.references).toHaveLength(20);
    expect(mail.references?.[0]).toBe('<r0@x>');
    expect(mail.references?.slice(-2)).toEqual(['<r29@x>', '<last@x>']);
  });
});

describe('textToHtml', () => {
  it('escapes markup', () => {
    expect(textToHtml('<script>alert("x")</script> & co')).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>');
  });
});
