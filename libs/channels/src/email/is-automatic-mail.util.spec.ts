import { automaticMailReason } from './is-automatic-mail.util';
import { headersFromLines, MailHeaders } from './mail-headers.util';

const isAutomaticMail = (headers: MailHeaders, sender: string) => automaticMailReason(headers, sender) !== null;

const h = (raw: Record<string, string>): MailHeaders =>
  headersFromLines(Object.entries(raw).map(([key, value]) => ({ key: key.toLowerCase(), line: `${key}: ${value}` })));

describe('isAutomaticMail', () => {
  const person = 'anna@customer.test';

  it('a person writing is not automatic', () => {
    expect(isAutomaticMail(h({ From: person, Subject: 'help' }), person)).toBe(false);
    expect(isAutomaticMail(h({ 'Auto-Submitted': 'no' }), person)).toBe(false);
    expect(isAutomaticMail(h({ 'Auto-Submitted': ' No ; comment' }), person)).toBe(false);
    expect(isAutomaticMail(h({ Precedence: 'first-class' }), person)).toBe(false);
    expect(isAutomaticMail(h({}), 'noreen@customer.test')).toBe(false);
    expect(isAutomaticMail(h({}), 'replyteam@customer.test')).toBe(false);
  });

  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, 'Auto-Submitted: auto-replied'],
    [{ 'Auto-Submitted': 'auto-generated' }, 'Auto-Submitted: auto-generated'],
    [{ Precedence: 'bulk' }, 'Precedence: bulk'],
    [{ Precedence: 'List' }, 'Precedence: list'],
    [{ Precedence: 'junk' }, 'Precedence: junk'],
    [{ 'List-Id': '<news.shop.test>' }, 'List-Id'],
    [{ 'List-Unsubscribe': '<mailto:unsub@shop.test>' }, 'List-Unsubscribe'],
    [{ 'X-Auto-Response-Suppress': 'All' }, 'X-Auto-Response-Suppress'],
    [{ 'Return-Path': '<>' }, 'null sender (Return-Path: <>)'],
    [{ 'Content-Type': 'multipart/report; report-type=delivery-status; boundary=x' }, 'a delivery or read report'],
  ])('flags %j', (headers, reason) => {
    expect(automaticMailReason(h(headers), person)).toBe(reason);
  });

  it.each(['MAILER-DAEMON@mx.test', 'postmaster@mx.test', 'noreply@shop.test', 'no-reply@shop.test', 'do-not-reply@shop.test',
    'donotreply@shop.test', 'info.noreply@shop.test', 'no_reply+x@shop.test'])('flags the sender %s', (sender) => {
    expect(isAutomaticMail(h({}), sender)).toBe(true);
  });

  it('flags a mail with no sender at all', () => {
    expect(automaticMailReason(h({}), null)).toBe('no sender address');
  });
});
