import request from 'supertest';
import { acmeSupportMailbox, configYaml, FAST_OUTBOX } from './support/config-yaml';
import { Dovecot, mailServersPerFile, rawMail } from './support/dovecot';
import { SmtpSink } from './support/smtp-sink';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

interface ConversationItem { id: number; status: string; subject: string | null; contact: { id: number; name: string }; channel: { id: string; type: string } }
interface MessageItem {
  id: number; direction: string; body: string; bodyHtml: string | null; automatic: boolean; deliveryStatus: string | null; error: string | null;
  attachments: Array<{ name: string; contentType: string; size: number; storageKey?: string; note?: string }>;
}

function configOf(imap: Dovecot, smtp: SmtpSink): string {
  return configYaml({ channels: [acmeSupportMailbox(imap, smtp)], outbox: { ...FAST_OUTBOX, retryMaxMs: 200 }, attachments: { maxSize: '1KB' } });
}

/** A customer's mail as their client would send it. */
function customerMail(id: string, subject: string, body: string, extra: Record<string, string> = {}): string {
  return rawMail({
    From: 'Anna Petrova <anna@customer.test>', To: 'ACME Support <support@acme.test>', Subject: subject,
    'Message-ID': `<${id}@customer.test>`, Date: new Date().toUTCString(), ...extra, 'Content-Type': 'text/plain; charset=utf-8',
  }, body);
}

/** The receiving server's delivery status notification (RFC 3464) for one of our mails. */
function deliveryFailure(ourMessageId: string, id: string): string {
  return rawMail({
    From: 'Mail Delivery System <MAILER-DAEMON@mx.customer.test>', To: 'support@acme.test', Subject: 'Undelivered Mail Returned to Sender',
    'Message-ID': `<${id}@mx.customer.test>`, 'Auto-Submitted': 'auto-replied', Date: new Date().toUTCString(),
    'Content-Type': 'multipart/report; report-type=delivery-status; boundary="DSN"',
  }, [
    '--DSN', 'Content-Type: text/plain', '', 'This is the mail system at host mx.customer.test. Your message could not be delivered.',
    '--DSN', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.customer.test', '',
    'Final-Recipient: rfc822; anna@customer.test', 'Action: failed', 'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <anna@customer.test>: Recipient address rejected: User unknown',
    '--DSN', 'Content-Type: message/rfc822', '', 'From: ACME Support <support@acme.test>', 'To: anna@customer.test',
    `Message-ID: ${ourMessageId}`, 'Subject: Re: Refund', '', 'Refund issued.',
    '--DSN--', '',
  ].join('\n'));
}

describe('e-mail channel (real Dovecot over IMAP IDLE, real SMTP receiver)', () => {
  const mailServers = mailServersPerFile();
  let t: TestApp;

  const conversations = async (): Promise<ConversationItem[]> => (await request(t.url).get('/api/conversations').set(auth).expect(200)).body.items;
  const messages = async (id: number): Promise<MessageItem[]> => (await request(t.url).get(`/api/conversations/${id}/messages`).set(auth).expect(200)).body.items;
  const inbound = async (id: number) => (await messages(id)).filter((m) => m.direction === 'in');
  /** Waits until a conversation whose messages satisfy the check exists; returns it. */
  const conversationWith = (count: number, timeoutMs = 5000) => eventually(async () => {
    const list = await conversations();
    expect(list).toHaveLength(count);
    return list[0];
  }, timeoutMs);
  /** Our mails written by an agent (not the automatic acknowledgement), in the order the customer got them. */
  const agentMail = (n: number) => eventually(() => {
    const mails = mailServers.smtp.received.filter((m) => m.header('auto-submitted') === undefined);
    expect(mails.length).toBeGreaterThanOrEqual(n);
    return mails[n - 1];
  });
  const messageWithBody = async (conversationId: number, body: string) => (await messages(conversationId)).find((m) => m.body === body)!;
  const reply = (conversationId: number, body: string) =>
    request(t.url).post(`/api/conversations/${conversationId}/messages`).set(auth).send({ body }).expect(201);

  beforeEach(async () => {
    mailServers.smtp.received.length = 0;
    t = await startTestApp({ configYaml: configOf(mailServers.imap, mailServers.smtp) });
  });
  afterEach(async () => {
    await t.destroy();
  });

  it('a new mail reaches the inbox through IDLE within seconds, with its sender, text, HTML and attachments', async () => {
    const channels = await request(t.url).get('/api/channels').set(auth).expect(200);
    expect(channels.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'support', type: 'email', state: 'ready' })]));

    const sentAt = Date.now();
    await mailServers.imap.append(rawMail({
      From: '=?UTF-8?B?0JDQvdC90LAg0J/QtdGC0YDQvtCy0LA=?= <Anna@Customer.test>', To: 'support@acme.test', Subject: 'Order 1042 missing',
      'Message-ID': '<first-1@customer.test>', Date: new Date().toUTCString(), 'Content-Type': 'multipart/mixed; boundary="MIX"',
    }, [
      '--MIX', 'Content-Type: multipart/alternative; boundary="ALT"', '',
      '--ALT', 'Content-Type: text/plain; charset=utf-8', '', 'My order 1042 never arrived.',
      '--ALT', 'Content-Type: text/html; charset=utf-8', '', '<p>My order <b>1042</b> never arrived.</p>',
      '--ALT--',
      '--MIX', 'Content-Type: text/plain; name="receipt.txt"', 'Content-Disposition: attachment; filename="receipt.txt"', '', 'Receipt 1042: 99 EUR',
      '--MIX', 'Content-Type: application/octet-stream; name="photo.raw"', 'Content-Disposition: attachment; filename="photo.raw"',
      'Content-Transfer-Encoding: base64', '', Buffer.alloc(4096, 7).toString('base64'),
      '--MIX--', '',
    ].join('\n')));

    // Polling is at its default (a minute): only IDLE brings the mail this fast.
    const conversation = await conversationWith(1, 4000);
    expect(Date.now() - sentAt).toBeLessThan(4000);
    expect(conversation).toMatchObject({ status: 'open', subject: 'Order 1042 missing', channel: { id: 'support', type: 'email' }, contact: { name: 'Анна Петрова' } });
    const [message] = await messages(conversation.id);
    expect(message).toMatchObject({ direction: 'in', body: 'My order 1042 never arrived.', bodyHtml: '<p>My order <b>1042</b> never arrived.</p>', automatic: false });
    expect(message.attachments).toEqual([
      { name: 'receipt.txt', contentType: 'text/plain', size: 20, storageKey: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { name: 'photo.raw', contentType: 'application/octet-stream', size: 4096, note: 'not stored: 4 KB is over the 1 KB limit' },
    ]);
    const file = await request(t.url).get(`/api/attachments/${message.attachments[0].storageKey}`).set(auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((file.body as Buffer).toString()).toBe('Receipt 1042: 99 EUR');
    const contact = await request(t.url).get(`/api/contacts/${conversation.contact.id}`).set(auth).expect(200);
    expect(contact.body.identities).toEqual([expect.objectContaining({ channelId: 'support', externalId: 'anna@customer.test' })]);
  });

  it('a reply threads both ways: our mail answers theirs, their answer joins the conversation, a token reopens it', async () => {
    await mailServers.imap.append(customerMail('t1', 'Order missing', 'Where is my order?'));
    const conversation = await conversationWith(1);
    await reply(conversation.id, 'We are checking with the courier.\n\nACME');

    const out = await agentMail(1);
    expect(out.envelope).toEqual({ from: 'support@acme.test', to: ['anna@customer.test'] });
    expect(out.header('from')).toBe('ACME Support <support@acme.test>');
    expect(out.header('to')).toBe('Anna Petrova <anna@customer.test>');
    expect(out.header('subject')).toBe(`Re: Order missing [#${conversation.id}]`);
    expect(out.header('in-reply-to')).toBe('<t1@customer.test>');
    expect(out.header('references')).toBe('<t1@customer.test>');
    expect(out.header('message-id')).toMatch(new RegExp(`^<inbox\\.${conversation.id}\\.\\d+\\.[0-9a-f]{16}@acme\\.test>$`));
    expect(out.header('auto-submitted')).toBeUndefined();
    expect(out.parsed.text?.trim()).toBe('We are checking with the courier.\n\nACME');
    expect(out.parsed.html).toContain('<p>We are checking with the courier.</p>');
    const ours = out.header('message-id')!;
    await eventually(async () => expect(await messageWithBody(conversation.id, 'We are checking with the courier.\n\nACME')).toMatchObject({ direction: 'out', deliveryStatus: 'sent' }));

    // The customer's client answers our mail: In-Reply-To / References name our Message-ID (no token needed).
    await mailServers.imap.append(customerMail('t2', 'Re: Order missing', 'Thanks, waiting.', { 'In-Reply-To': ours, References: `<t1@customer.test> ${ours}` }));
    await eventually(async () => expect(await inbound(conversation.id)).toHaveLength(2));

    // Our second answer continues the same thread.
    await reply(conversation.id, 'It arrives tomorrow.');
    const second = await agentMail(2);
    expect(second.header('in-reply-to')).toBe('<t2@customer.test>');
    expect(second.header('references')).toBe(`<t1@customer.test> ${ours} <t2@customer.test>`);
    expect(second.header('subject')).toBe(`Re: Order missing [#${conversation.id}]`);

    // Resolved; a new mail that carries only the token (no references) joins the conversation and reopens it.
    await request(t.url).post(`/api/conversations/${conversation.id}/status`).set(auth).send({ status: 'resolved' }).expect(200);
    await mailServers.imap.append(customerMail('t3', `One more thing [#${conversation.id}]`, 'Can you also change the address?'));
    await eventually(async () => expect(await inbound(conversation.id)).toHaveLength(3));
    expect((await request(t.url).get(`/api/conversations/${conversation.id}`).set(auth).expect(200)).body.status).toBe('open');

    // A reply to a resolved conversation through its references reopens it too.
    await request(t.url).post(`/api/conversations/${conversation.id}/status`).set(auth).send({ status: 'resolved' }).expect(200);
    await mailServers.imap.append(customerMail('t4', 'Re: Order missing', 'Got it, thanks!', { 'In-Reply-To': second.header('message-id')! }));
    await eventually(async () => expect(await inbound(conversation.id)).toHaveLength(4));
    expect((await request(t.url).get(`/api/conversations/${conversation.id}`).set(auth).expect(200)).body.status).toBe('open');

    // Someone else's token is not enough to join a conversation, and a new subject from another sender opens a new one.
    await mailServers.imap.append(rawMail({ From: 'boris@other.test', To: 'support@acme.test', Subject: `Hijack [#${conversation.id}]`, 'Message-ID': '<t5@other.test>' }, 'hi'));
    const list = await eventually(async () => {
      const items = await conversations();
      expect(items).toHaveLength(2);
      return items;
    });
    expect(list.find((c) => c.id !== conversation.id)).toMatchObject({ subject: `Hijack [#${conversation.id}]`, contact: { name: 'boris@other.test' } });
    expect(await inbound(conversation.id)).toHaveLength(4);
  });

  it('a new subject from a customer with an open conversation is a new request, and an agent\'s files go out as attachments', async () => {
    await mailServers.imap.append(customerMail('n1', 'Order missing', 'Where is my order?'));
    const first = await conversationWith(1);
    await mailServers.imap.append(customerMail('n2', 'Invoice request', 'Please send the invoice for May.'));
    const list = await eventually(async () => {
      const items = await conversations();
      expect(items).toHaveLength(2);
      return items;
    });
    const second = list.find((c) => c.id !== first.id)!;
    expect(second.subject).toBe('Invoice request');

    const upload = await request(t.url).post('/api/attachments').set(auth)
      .attach('file', Buffer.from('%PDF-1.4 invoice'), { filename: 'invoice-may.pdf', contentType: 'application/pdf' }).expect(201);
    await request(t.url).post(`/api/conversations/${second.id}/messages`).set(auth)
      .send({ body: 'The invoice is attached.', attachments: [{ storageKey: upload.body.storageKey, name: 'invoice-may.pdf', contentType: 'application/pdf' }] })
      .expect(201);
    const out = await agentMail(1);
    expect(out.header('in-reply-to')).toBe('<n2@customer.test>');
    expect(out.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['invoice-may.pdf', 'application/pdf', '%PDF-1.4 invoice']]);
  });

  it('HTML with scripts, handlers, forms and remote content comes out clean', async () => {
    await mailServers.imap.append(rawMail({ From: 'anna@customer.test', Subject: 'Look', 'Message-ID': '<h1@customer.test>', 'Content-Type': 'text/html; charset=utf-8' },
      '<html><head><style>p{background:url(https://track.test/css.png)}</style><script>steal(document.cookie)</script></head><body>'
      + '<p onclick="steal()" style="color: red; background-image: url(https://track.test/bg.png)">Hello <b>team</b></p>'
      + '<img src="https://track.test/pixel.gif?u=anna" width="1" height="1"><img src="x" onerror="steal()">'
      + '<a href="javascript:steal()">click</a> <a href="https://shop.test/order/1042" onmouseover="steal()">order</a>'
      + '<form action="https://phish.test/login"><input name="password"><button>Sign in</button></form>'
      + '<iframe src="https://phish.test"></iframe><svg onload="steal()"></svg></body></html>'));
    const conversation = await conversationWith(1);
    const [message] = await messages(conversation.id);
    expect(message.bodyHtml).toBe('<p style="color:red">Hello <b>team</b></p>'
      + '<a rel="noopener noreferrer nofollow" target="_blank">click</a> '
      + '<a href="https://shop.test/order/1042" rel="noopener noreferrer nofollow" target="_blank">order</a>');
    expect(message.body).toBe('Hello team\nclick order');
    expect(message.body).not.toMatch(/steal|track\.test|javascript/);
  });

  it('a bounce marks our message failed with the reason and opens no conversation', async () => {
    await mailServers.imap.append(customerMail('b1', 'Refund', 'Please refund.'));
    const conversation = await conversationWith(1);
    await reply(conversation.id, 'Refund issued.');
    const ours = (await agentMail(1)).header('message-id')!;
    await eventually(async () => expect((await messageWithBody(conversation.id, 'Refund issued.')).deliveryStatus).toBe('sent'));

    await mailServers.imap.append(deliveryFailure(ours, 'dsn-1'));

    const failed = await eventually(async () => {
      const out = await messageWithBody(conversation.id, 'Refund issued.');
      expect(out.deliveryStatus).toBe('failed');
      return out;
    });
    expect(failed.error).toBe('bounced (5.1.1): 550 5.1.1 <anna@customer.test>: Recipient address rejected: User unknown');
    expect(await conversations()).toHaveLength(1);
    const all = await messages(conversation.id);
    expect(all.map((m) => [m.direction, m.automatic, m.deliveryStatus])).toEqual([['in', false, null], ['out', true, 'sent'], ['out', false, 'failed']]);
  });

  it('the same Message-ID delivered twice is stored once', async () => {
    const mail = customerMail('dup-1', 'Twice', 'Sent to two of your addresses.');
    await mailServers.imap.append(mail);
    await mailServers.imap.append(`Received: from relay2.customer.test by mx.acme.test; ${new Date().toUTCString()}\r\n${mail}`);
    await mailServers.imap.append(customerMail('dup-2', 'Re: Twice', 'And a follow-up.', { 'In-Reply-To': '<dup-1@customer.test>' }));
    const conversation = await conversationWith(1);
    await eventually(async () => expect((await inbound(conversation.id)).map((m) => m.body)).toEqual(['Sent to two of your addresses.', 'And a follow-up.']));
  });

  it('a permanent SMTP refusal fails the reply at once, with the server\'s words', async () => {
    await mailServers.imap.append(customerMail('r1', 'Hello', 'Hi'));
    const conversation = await conversationWith(1);
    await mailServers.smtp.waitFor(1); // the acknowledgement
    mailServers.smtp.rejectNext(550, '5.7.1 Relaying denied');
    await reply(conversation.id, 'Hello Anna');
    const out = await eventually(async () => {
      const m = await messageWithBody(conversation.id, 'Hello Anna');
      expect(m.deliveryStatus).toBe('failed');
      return m;
    });
    expect(out.error).toContain('550 5.7.1 Relaying denied');
    expect(mailServers.smtp.received).toHaveLength(1);
  });

  it('a new mail gets the acknowledgement with the 12-hour deadline and the RFC 3834 headers; an out-of-office, a newsletter and a bounce get none', async () => {
    await mailServers.imap.append(customerMail('a1', 'Invoice question', 'Is VAT included?'));
    const conversation = await conversationWith(1);
    const ack = await mailServers.smtp.waitFor(1);
    expect(ack.envelope).toEqual({ from: 'support@acme.test', to: ['anna@customer.test'] });
    expect(ack.header('from')).toBe('ACME Support <support@acme.test>');
    expect(ack.header('auto-submitted')).toBe('auto-replied');
    expect(ack.header('x-auto-response-suppress')).toBe('All');
    expect(ack.header('in-reply-to')).toBe('<a1@customer.test>');
    expect(ack.header('references')).toBe('<a1@customer.test>');
    expect(ack.header('subject')).toBe(`Re: Invoice question [#${conversation.id}]`);
    const view = (await request(t.url).get(`/api/conversations/${conversation.id}`).set(auth).expect(200)).body;
    const due = Date.parse(view.firstResponseDueAt);
    expect(Math.abs(due - Date.parse(view.createdAt) - 12 * 3_600_000)).toBeLessThan(1000);
    expect(ack.parsed.text).toContain(`${new Date(due).toISOString().slice(11, 16)} (UTC)`);
    expect(ack.parsed.text).toContain(`#${conversation.id}`);
    await eventually(async () => expect((await messages(conversation.id)).map((m) => [m.direction, m.automatic, m.deliveryStatus]))
      .toEqual([['in', false, null], ['out', true, 'sent']]));

    // Anna's out-of-office answers the acknowledgement (null sender, as RFC 3834 asks): it joins her conversation, unanswered.
    await mailServers.imap.append(rawMail({
      'Return-Path': '<>', From: 'Anna Petrova <anna@customer.test>', To: 'support@acme.test', Subject: 'Automatic reply: Invoice question',
      'Message-ID': '<ooo-1@customer.test>', 'In-Reply-To': ack.header('message-id')!, 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All',
    }, 'I am out of the office until Monday.'));
    // An out-of-office from someone we never wrote to, a newsletter, and the bounce of the acknowledgement.
    await mailServers.imap.append(rawMail({ From: 'Boris <boris@partner.test>', Subject: 'Out of office', 'Message-ID': '<ooo-2@partner.test>', 'Auto-Submitted': 'auto-replied' }, 'Away.'));
    await mailServers.imap.append(rawMail({
      From: 'Shop News <news@shop.test>', Subject: 'Spring sale', 'Message-ID': '<nl-1@shop.test>', 'List-Id': '<news.shop.test>',
      'List-Unsubscribe': '<mailto:unsubscribe@shop.test>', Precedence: 'bulk',
    }, 'Everything -50%'));
    await mailServers.imap.append(deliveryFailure(ack.header('message-id')!, 'dsn-2'));
    // A person's new mail last: acknowledgements go out in order, so once Carol's arrived, any for the mails above would have.
    await mailServers.imap.append(rawMail({ From: 'Carol <carol@customer.test>', Subject: 'Hello', 'Message-ID': '<c1@customer.test>' }, 'A question'));
    const carolAck = await mailServers.smtp.waitForMail((m) => m.envelope.to.includes('carol@customer.test'));
    expect(carolAck.header('auto-submitted')).toBe('auto-replied');
    expect(mailServers.smtp.received.map((m) => m.envelope.to)).toEqual([['anna@customer.test'], ['carol@customer.test']]);

    const list = await conversations();
    expect(list.map((c) => c.contact.name).sort()).toEqual(['Anna Petrova', 'Boris', 'Carol', 'Shop News']);
    const flags = async (name: string) => (await messages(list.find((c) => c.contact.name === name)!.id)).map((m) => [m.direction, m.automatic]);
    expect(await flags('Boris')).toEqual([['in', true]]);
    expect(await flags('Shop News')).toEqual([['in', true]]);
    expect(await flags('Carol')).toEqual([['in', false], ['out', true]]);
    const anna = await messages(conversation.id);
    expect(anna.map((m) => [m.direction, m.automatic, m.deliveryStatus])).toEqual([['in', false, null], ['out', true, 'failed'], ['in', true, null]]);
    expect(anna[1].error).toContain('550 5.1.1');
  });
});
