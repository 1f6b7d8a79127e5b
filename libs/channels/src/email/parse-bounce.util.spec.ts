import { BounceInput, parseBounce } from './parse-bounce.util';

const dsnText = [
  'This is the mail system at host mx.customer.test.',
  '',
  'Reporting-MTA: dns; mx.customer.test',
  '',
  'Final-Recipient: rfc822; nobody@customer.test',
  'Original-Recipient: rfc822;nobody@customer.test',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 <nobody@customer.test>: Recipient address',
  '    rejected: User unknown in local recipient table',
].join('\r\n');

const report = (over: Partial<BounceInput> = {}): BounceInput => ({
  contentType: 'multipart/report',
  reportType: 'delivery-status',
  sender: 'MAILER-DAEMON@mx.customer.test',
  text: dsnText,
  parts: [{ contentType: 'message/rfc822', content: 'From: support@acme.test\r\nMessage-ID: <out-1@acme.test>\r\nSubject: Re: x\r\n\r\nbody' }],
  inReplyTo: [],
  ...over,
});

describe('parseBounce', () => {
  it('reads the original message id and the reason from a delivery status notification', () => {
    expect(parseBounce(report())).toEqual({
      originalMessageId: 'out-1@acme.test',
      action: 'failed',
      recipient: 'nobody@customer.test',
      reason: 'bounced (5.1.1): 550 5.1.1 <nobody@customer.test>: Recipient address rejected: User unknown in local recipient table',
    });
  });

  it('finds the original in a headers-only part, or in the delivery-status part given as an attachment', () => {
    const bounce = parseBounce(report({
      text: 'Your message could not be delivered.',
      parts: [
        { contentType: 'message/delivery-status', content: dsnText },
        { contentType: 'text/rfc822-headers', content: 'Message-ID:\r\n <folded@acme.test>\r\nSubject: y\r\n' },
      ],
    }));
    expect(bounce).toMatchObject({ originalMessageId: 'folded@acme.test', action: 'failed', reason: expect.stringContaining('550 5.1.1') });
  });

  it('tells a delay from a failure', () => {
    const delayed = parseBounce(report({ text: 'Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; a@b.test\r\nAction: delayed\r\nStatus: 4.4.1\r\n' }));
    expect(delayed).toMatchObject({ action: 'delayed', reason: 'bounced (4.4.1): status 4.4.1' });
  });

  it('understands an old-style mailer-daemon message that quotes the original', () => {
    const bounce = parseBounce({
      contentType: 'text/plain', reportType: null, sender: 'mailer-daemon@old.test',
      text: 'Hi. This is the qmail-send program.\nI could not deliver your message.\n\n--- Below this line is a copy of the message.\n\nMessage-ID: <out-2@acme.test>\nSubject: Re: y\n',
      parts: [], inReplyTo: [],
    });
    expect(bounce).toMatchObject({ originalMessageId: 'out-2@acme.test', action: 'failed', reason: 'bounced: Hi. This is the qmail-send program.' });
  });

  it('falls back to In-Reply-To', () => {
    expect(parseBounce(report({ parts: [], text: 'Action: failed\nStatus: 5.0.0\n', inReplyTo: ['<out-3@acme.test>'] }))?.originalMessageId).toBe('out-3@acme.test');
  });

  it('is null for people, for other reports, and for mailer-daemon mail it cannot place', () => {
    expect(parseBounce(report({ sender: 'anna@customer.test', contentType: 'text/plain', reportType: null }))).toBeNull();
    expect(parseBounce(report({ sender: 'anna@customer.test', reportType: 'disposition-notification' }))).toBeNull();
    expect(parseBounce({ contentType: 'text/plain', sender: 'postmaster@x.test', text: 'Hello, your mailbox is full soon', parts: [], inReplyTo: [] })).toBeNull();
    // An out-of-office reply answers our mail and often has a null sender: it is not a bounce.
    expect(parseBounce({ contentType: 'text/plain', sender: null, text: 'I am away until Monday.', parts: [], inReplyTo: ['<out-1@acme.test>'] })).toBeNull();
  });
});
