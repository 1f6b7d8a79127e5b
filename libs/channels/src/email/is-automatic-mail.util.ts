import { header, localPart, MailHeaders } from './mail-headers.util';

const NO_REPLY = /(^|[-_.+])(no|do[-_.]?not)[-_.]?reply([-_.+]|$)/i;
const DAEMON = /^(mailer-daemon|postmaster)$/i;

/**
 * Why a mail was sent by a machine (RFC 3834 and common practice), or null for a person's mail.
 * Such mail still lands in the inbox, but is never answered automatically, which stops mail loops
 * between our acknowledgement and their out-of-office.
 */
export function automaticMailReason(headers: MailHeaders, sender: string | null | undefined): string | null {
  const autoSubmitted = header(headers, 'auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted.split(';')[0].trim().toLowerCase() !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header(headers, 'precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'list', 'junk'].includes(precedence)) return `Precedence: ${precedence}`;
  if (headers['list-id']) return 'List-Id';
  if (headers['list-unsubscribe']) return 'List-Unsubscribe';
  if (headers['x-auto-response-suppress']) return 'X-Auto-Response-Suppress';
  if (headers['x-autoreply'] || headers['x-autorespond']) return 'X-Autoreply';
  const contentType = header(headers, 'content-type')?.toLowerCase() ?? '';
  if (contentType.startsWith('multipart/report')) return 'a delivery or read report';
  const returnPath = header(headers, 'return-path');
  if (returnPath !== undefined && /^<\s*>$/.test(returnPath.trim())) return 'null sender (Return-Path: <>)';
  if (!sender) return 'no sender address';
  const local = localPart(sender);
  if (DAEMON.test(local)) return `sender ${sender}`;
  if (NO_REPLY.test(local)) return `no-reply sender ${sender}`;
  return null;
}
