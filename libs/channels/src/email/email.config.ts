import { z } from 'zod';
import { field, settingsObject, settingsValidator } from '@app/platform/config';

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$|^[^\s@<>]+@localhost$/;

/** Ports follow `secure` unless given: TLS from the first byte (993/465), else STARTTLS (143/587). */
const withDefaultPort = <T extends { port?: number; secure: boolean }>(tls: number, plain: number) => (s: T) => ({ ...s, port: s.port ?? (s.secure ? tls : plain) });
const port = () => field.optionalInteger(1, 65535);

const imapSettings = settingsObject('imap', {
  host: field.text(),
  port: port(),
  /** TLS from the first byte (993); false uses STARTTLS when the server offers it. Certificates are always verified. */
  secure: field.boolean(true),
  user: field.text(),
  password: field.text(),
  mailbox: field.text(undefined, 'INBOX'),
  /** Poll interval for servers without IDLE. */
  pollSeconds: field.integer(60, 1, 3600),
}).transform(withDefaultPort(993, 143));

const smtpSettings = settingsObject('smtp', {
  host: field.text(),
  port: port(),
  secure: field.boolean(true),
  user: field.optionalText(),
  password: field.optionalText(),
}).transform(withDefaultPort(465, 587)).superRefine((smtp, ctx) => {
  if (smtp.user && !smtp.password) ctx.addIssue({ code: 'custom', path: ['password'], message: 'a password when smtp.user is set' });
});

/** `type: email`: the support address, the IMAP mailbox it is read from and the SMTP server replies go out through. */
export const emailSettingsSchema = settingsObject('an email channel', {
  address: field.matching(ADDRESS, 'an e-mail address such as support@example.com'),
  imap: imapSettings,
  smtp: smtpSettings,
});

export type EmailSettings = z.output<typeof emailSettingsSchema>;
export type ImapSettings = EmailSettings['imap'];
export type SmtpSettings = EmailSettings['smtp'];

export const validateEmailSettings = settingsValidator(emailSettingsSchema, { secrets: ['password'] });

export function emailSettingsOf(settings: Record<string, unknown>): EmailSettings {
  return settings as unknown as EmailSettings;
}
