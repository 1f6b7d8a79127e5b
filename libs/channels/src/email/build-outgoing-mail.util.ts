import type { OutboundMessage } from '../channel-adapter';
import { formatMessageId, normaliseMessageId, parseMessageIdList } from './parse-message-id.util';
import { replySubject } from './subject-token.util';

/** An outgoing mail, independent of the sending library; ids in header form (`<id>`). */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

/** RFC 5322 suggests trimming long References chains; the first id (the thread's start) and the latest are kept. */
const MAX_REFERENCES = 20;

/**
 * Composes our answer: our own Message-ID, In-Reply-To and References to the customer's mail, the subject with the
 * conversation token, text and HTML parts, from the channel address. An automatic message (the acknowledgement)
 * carries the RFC 3834 headers so the customer's auto-responder does not answer it.
 */
export function buildOutgoingMail(message: OutboundMessage, channel: { address: string; name: string }, messageId: string): OutgoingMail {
  const meta = message.replyTo?.meta ?? {};
  const parent = normaliseMessageId(stringOf(meta.messageId)) ?? normaliseMessageId(message.replyTo?.externalId);
  const chain = parseMessageIdList(stringsOf(meta.references)).filter((id) => id !== parent);
  if (parent) chain.push(parent);
  const references = chain.length > MAX_REFERENCES ? [chain[0], ...chain.slice(-(MAX_REFERENCES - 1))] : chain;

  const headers: Record<string, string> = {};
  if (message.automatic) {
    headers['Auto-Submitted'] = parent ? 'auto-replied' : 'auto-generated';
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  return {
    from: { name: channel.name, address: channel.address },
    to: { name: message.to.name ?? '', address: message.to.externalId },
    subject: replySubject(stringOf(meta.subject) ?? message.subject, message.conversationId),
    messageId: formatMessageId(messageId),
    ...(parent ? { inReplyTo: formatMessageId(parent), references: references.map(formatMessageId) } : {}),
    text: message.choiceLinks?.length ? `${message.text}\n\n${message.choiceLinks.map((l) => `${l.label} ${l.url}`).join('\n')}` : message.text,
    html: textToHtml(message.text) + (message.choiceLinks?.length ? `\n${choiceLinksHtml(message.choiceLinks)}` : ''),
    headers,
    attachments: (message.attachments ?? []).map((a) => ({ filename: a.name, contentType: a.contentType, content: a.data })),
  };
}

/** The choices as a row of large links (the five faces), each a one-click answer. */
function choiceLinksHtml(links: { label: string; url: string }[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<p style="font-size:32px">${links.map((l) => `<a href="${escape(l.url)}" style="text-decoration:none;margin-right:12px">${escape(l.label)}</a>`).join('')}</p>`;
}

/** The HTML part of a plain-text answer: escaped, paragraphs and line breaks kept. */
export function textToHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const paragraphs = escaped.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  return paragraphs.map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`).join('\n');
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
