import { localPart } from './mail-headers.util';
import { normaliseMessageId } from './parse-message-id.util';

export interface BounceInput {
  /** Content-Type of the mail (`multipart/report`) and its report-type parameter. */
  contentType: string;
  reportType?: string | null;
  /** The From address (a null envelope sender does not make a bounce: auto-replies use one too). */
  sender: string | null | undefined;
  /** Text of the mail; parsers put the machine-readable delivery-status part here or in an attachment. */
  text: string;
  parts: Array<{ contentType: string; content: string }>;
  inReplyTo: string[];
}

export interface Bounce {
  /** The id of our message that bounced, when it can be found. */
  originalMessageId: string | null;
  /** DSN action: failed, delayed, delivered, relayed, expanded. Only `failed` marks the message. */
  action: string;
  recipient: string | null;
  reason: string;
}

const ORIGINAL_PARTS = ['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers', 'message/global', 'message/global-headers'];
const STATUS_PARTS = ['message/delivery-status', 'message/global-delivery-status', 'text/plain'];

/**
 * Recognises a bounce: a delivery status notification (`multipart/report; report-type=delivery-status`, RFC 3464)
 * or a mailer-daemon's message about one of ours. Returns null for anything else.
 */
export function parseBounce(mail: BounceInput): Bounce | null {
  const isReport = mail.contentType.toLowerCase() === 'multipart/report'
    && /^(global-)?delivery-status$/i.test((mail.reportType ?? '').trim());
  // Not a null sender alone: RFC 3834 auto-replies (out-of-office) are sent with one too.
  const fromDaemon = /^(mailer-daemon|postmaster)$/.test(localPart(mail.sender));
  if (!isReport && !fromDaemon) return null;

  const statusText = [mail.text, ...mail.parts.filter((p) => STATUS_PARTS.includes(p.contentType.toLowerCase())).map((p) => p.content)].join('\n');
  const field = (name: string) => dsnField(statusText, name);
  const originalMessageId = originalIdOf(mail);
  const action = field('Action')?.toLowerCase().split(/\s/)[0];
  const status = field('Status')?.split(/\s/)[0];
  if (!isReport && !originalMessageId && !action && !status) return null; // a mailer-daemon's mail we cannot place
  const diagnostic = field('Diagnostic-Code')?.replace(/^[a-z0-9-]+\s*;\s*/i, '');
  const recipient = field('Final-Recipient')?.replace(/^[a-z0-9-]+\s*;\s*/i, '') ?? field('Original-Recipient')?.replace(/^[a-z0-9-]+\s*;\s*/i, '') ?? null;
  const inferred = action ?? (status?.startsWith('4') ? 'delayed' : 'failed');
  const detail = diagnostic ?? (status ? `status ${status}` : firstLine(mail.text) ?? 'the message was returned');
  return {
    originalMessageId,
    action: inferred,
    recipient,
    reason: `bounced${status ? ` (${status})` : ''}: ${detail}`,
  };
}

/** A DSN field's value (the first per-recipient one), with continuation lines unfolded. */
function dsnField(text: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)`, 'im').exec(text);
  return match ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() || undefined : undefined;
}

function originalIdOf(mail: BounceInput): string | null {
  for (const part of mail.parts) {
    if (!ORIGINAL_PARTS.includes(part.contentType.toLowerCase())) continue;
    const head = part.content.split(/\r?\n\r?\n/, 1)[0];
    const id = messageIdHeader(head);
    if (id) return id;
  }
  // Bounces that quote the original inline, or that thread to it.
  return messageIdHeader(mail.text) ?? normaliseMessageId(mail.inReplyTo[0]);
}

function messageIdHeader(text: string): string | null {
  const match = /^[ \t>]*Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^>\r\n]+>)/im.exec(text);
  return match ? normaliseMessageId(match[1]) : null;
}

function firstLine(text: string): string | undefined {
  return text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0);
}
