import { AddressObject, simpleParser } from 'mailparser';
import type { InboundAttachment, InboundMessage } from '../channel-adapter';
import { AttachmentSink, keepAttachment } from '../shared/keep-attachment';
import { htmlToText } from './html-to-text.util';
import { automaticMailReason } from './is-automatic-mail.util';
import { header, headersFromLines } from './mail-headers.util';
import { Bounce, parseBounce } from './parse-bounce.util';
import { normaliseMessageId, parseMessageIdList, syntheticMessageId } from './parse-message-id.util';
import { sanitizeEmailHtml } from './sanitize-email-html.util';
import { subjectToken } from './subject-token.util';

export type InboundMail =
  | { kind: 'message'; message: InboundMessage }
  | { kind: 'bounce'; messageId: string; bounce: Bounce };

/** Parts that only carry a report's machine-readable text or the returned original. */
const REPORT_PARTS = /^(message\/|text\/rfc822-headers)/i;

/**
 * Turns one raw mail into what the inbox stores: the sender as the contact identity, text and sanitised HTML,
 * attachments kept within the size limit, thread references and token, the automatic flag; or a bounce.
 */
export async function readInboundMail(source: Buffer, sink: AttachmentSink): Promise<InboundMail> {
  // No HTML-to-text from the parser: the text of an HTML-only mail is made from the sanitised HTML.
  const mail = await simpleParser(source, { skipTextToHtml: true, skipTextLinks: true, skipHtmlToText: true });
  const headers = headersFromLines(mail.headerLines);
  const from = firstAddress(mail.from);
  const address = from?.address?.trim().toLowerCase() || null;
  const html = mail.html ? sanitizeEmailHtml(mail.html) : null;
  const text = (mail.text || (html ? htmlToText(html) : '')).replace(/\s+$/, '');
  const messageId = normaliseMessageId(mail.messageId)
    ?? syntheticMessageId([header(headers, 'from'), header(headers, 'to'), header(headers, 'date'), header(headers, 'subject'), text, mail.html || '']);
  const inReplyTo = parseMessageIdList(mail.inReplyTo);

  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const bounce = parseBounce({
    contentType: contentType?.value ?? 'text/plain',
    reportType: contentType?.params?.['report-type'],
    sender: address,
    text,
    parts: mail.attachments.filter((a) => REPORT_PARTS.test(a.contentType) || a.contentType === 'text/plain')
      .map((a) => ({ contentType: a.contentType, content: a.content.toString('utf8') })),
    inReplyTo,
  });
  if (bounce) return { kind: 'bounce', messageId, bounce };

  const attachments: InboundAttachment[] = [];
  for (const [i, part] of mail.attachments.entries()) {
    if (part.related && part.contentType.startsWith('image/')) continue; // inline images: already embedded in the HTML
    const info = { name: part.filename || `attachment-${i + 1}`, contentType: part.contentType, size: part.size ?? part.content.length };
    attachments.push(await keepAttachment(sink, info, async () => part.content));
  }

  const subject = mail.subject?.trim() || null;
  const references = parseMessageIdList(mail.references);
  const automaticReason = automaticMailReason(headers, address);
  return {
    kind: 'message',
    message: {
      externalId: messageId,
      sender: { externalId: address ?? 'unknown-sender', name: from?.name?.trim() || null },
      text,
      html,
      attachments,
      sentAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : undefined,
      automatic: automaticReason !== null,
      subject,
      threadRefs: parseMessageIdList(references, inReplyTo), // oldest first: the inbox reads the latest ones
      threadToken: subjectToken(subject),
      threadedByReferences: true,
      ...(header(headers, 'content-language') ? { language: header(headers, 'content-language') } : {}),
      meta: { messageId, inReplyTo: inReplyTo[0] ?? null, references, subject, from: address, ...(automaticReason ? { automaticReason } : {}) },
    },
  };
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address?: string; name?: string } | null {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list) {
    for (const entry of group.value) {
      if (entry.address) return entry;
      const member = entry.group?.find((g) => g.address);
      if (member) return member;
    }
  }
  return null;
}
