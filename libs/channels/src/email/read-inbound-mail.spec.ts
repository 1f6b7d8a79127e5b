import { readInboundMail } from './read-inbound-mail';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));

function sink(maxAttachmentBytes = 1000) {
  const saved: Buffer[] = [];
  return { saved, maxAttachmentBytes, saveAttachment: async (data: Buffer) => { saved.push(data); return `key-${saved.length}`; } };
}

describe('readInboundMail', () => {
  it('reads a customer mail: identity, text, sanitised HTML, threading, attachments within the limit', async () => {
    const s = sink(10);
    const result = await readInboundMail(crlf([
      'From: =?UTF-8?B?0JDQvdC90LA=?= <Anna@Customer.TEST>',
      'To: support@acme.test',
      'Subject: Re: Order missing [#42]',
      'Message-ID: <c2@customer.test>',
      'In-Reply-To: <o1@acme.test>',
      'References: <c1@customer.test> <o1@acme.test>',
      'Date: Tue, 10 Mar 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="M"',
      '',
      '--M',
      'Content-Type: multipart/alternative; boundary="A"',
      '',
      '--A',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Where is my order?',
      '--A',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p onclick="x()">Where is <b>my order</b>?</p><script>alert(1)</script>',
      '--A--',
      '--M',
      'Content-Type: text/plain; name="small.txt"',
      'Content-Disposition: attachment; filename="small.txt"',
      '',
      'tiny',
      '--M',
      'Content-Type: application/pdf; name="big.pdf"',
      'Content-Disposition: attachment; filename="big.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.alloc(64, 1).toString('base64'),
      '--M--',
      '',
    ]), s);
    expect(result.kind).toBe('message');
    if (result.kind !== 'message') return;
    expect(result.message).toEqual({
      externalId: 'c2@customer.test',
      sender: { externalId: 'anna@customer.test', name: 'Анна' },
      text: 'Where is my order?',
      html: '<p>Where is <b>my order</b>?</p>',
      attachments: [
        { name: 'small.txt', contentType: 'text/plain', size: 4, storageKey: 'key-1' },
        { name: 'big.pdf', contentType: 'application/pdf', size: 64, note: 'not stored: 64 B is over the 10 B limit' },
      ],
      sentAt: new Date('2026-03-10T10:00:00Z'),
      automatic: false,
      subject: 'Re: Order missing [#42]',
      threadRefs: ['c1@customer.test', 'o1@acme.test'],
      threadToken: 42,
      threadedByReferences: true,
      meta: { messageId: 'c2@customer.test', inReplyTo: 'o1@acme.test', references: ['c1@customer.test', 'o1@acme.test'], subject: 'Re: Order missing [#42]', from: 'anna@customer.test' },
    });
    expect(s.saved.map((b) => b.toString())).toEqual(['tiny']);
  });

  it('shows inline images inside the HTML instead of listing them as attachments', async () => {
    const s = sink();
    const result = await readInboundMail(crlf([
      'From: anna@customer.test', 'Subject: Screenshot', 'Message-ID: <img-1@customer.test>', 'MIME-Version: 1.0',
      'Content-Type: multipart/related; boundary="R"', '',
      '--R', 'Content-Type: text/html', '', '<p>See <img src="cid:shot@customer.test" alt="shot"></p>',
      '--R', 'Content-Type: image/png', 'Content-ID: <shot@customer.test>', 'Content-Transfer-Encoding: base64', '', 'iVBORw0KGgo=',
      '--R--', '',
    ]), s);
    if (result.kind !== 'message') throw new Error('expected a message');
    expect(result.message.html).toBe('<p>See <img src="data:image/png;base64,iVBORw0KGgo=" alt="shot" /></p>');
    expect(result.message.text).toBe('See');
    expect(result.message.attachments).toEqual([]);
    expect(s.saved).toEqual([]);
  });

  it('gives a mail without Message-ID a stable id and flags automatic mail', async () => {
    const raw = crlf(['From: news@shop.test', 'Subject: Sale', 'List-Unsubscribe: <mailto:u@shop.test>', 'Date: Tue, 10 Mar 2026 10:00:00 +0000', '', 'Everything -50%']);
    const a = await readInboundMail(raw, sink());
    const b = await readInboundMail(raw, sink());
    if (a.kind !== 'message' || b.kind !== 'message') throw new Error('expected messages');
    expect(a.message.externalId).toMatch(/^synthetic-/);
    expect(a.message.externalId).toBe(b.message.externalId);
    expect(a.message).toMatchObject({ automatic: true, html: null, threadRefs: [], threadToken: null, meta: { automaticReason: 'List-Unsubscribe' } });
  });

  it('recognises a bounce and does not store its parts', async () => {
    const s = sink();
    const result = await readInboundMail(crlf([
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>',
      'To: support@acme.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <b1@mx.customer.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--B',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.test',
      '',
      'Final-Recipient: rfc822; nobody@customer.test',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '--B',
      'Content-Type: message/rfc822',
      '',
      'From: support@acme.test',
      'Message-ID: <o1@acme.test>',
      '',
      'original',
      '--B--',
      '',
    ]), s);
    expect(result).toEqual({
      kind: 'bounce',
      messageId: 'b1@mx.customer.test',
      bounce: { originalMessageId: 'o1@acme.test', action: 'failed', recipient: 'nobody@customer.test', reason: 'bounced (5.1.1): 550 5.1.1 User unknown' },
    });
    expect(s.saved).toEqual([]);
  });
});
