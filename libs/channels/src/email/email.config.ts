import type { ChannelSettingsValidator } from '@app/platform/config';

export interface ImapSettings {
  host: string;
  port: number;
  /** TLS from the first byte (993); false uses STARTTLS when the server offers it. Certificates are always verified. */
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** Poll interval for servers without IDLE. */
  pollSeconds: number;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
}

export interface EmailSettings {
  address: string;
  imap: ImapSettings;
  smtp: SmtpSettings;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$|^[^\s@<>]+@localhost$/;

/** `type: email`: the support address, the IMAP mailbox it is read from and the SMTP server replies go out through. */
export const validateEmailSettings: ChannelSettingsValidator = (settings, path, reader) => {
  const address = reader.string(settings, 'address', path);
  if (address && !ADDRESS.test(address)) reader.problem(`${path}.address`, 'an e-mail address such as support@example.com', address);
  const imapNode = reader.object(settings, 'imap', path, true);
  const smtpNode = reader.object(settings, 'smtp', path, true);
  const imapPath = `${path}.imap`;
  const smtpPath = `${path}.smtp`;

  const imapSecure = reader.boolean(imapNode, 'secure', imapPath, true);
  const imap: ImapSettings = {
    host: reader.string(imapNode, 'host', imapPath),
    port: reader.integer(imapNode, 'port', imapPath, imapSecure ? 993 : 143, 1, 65535),
    secure: imapSecure,
    user: reader.string(imapNode, 'user', imapPath),
    password: reader.string(imapNode, 'password', imapPath),
    mailbox: reader.string(imapNode, 'mailbox', imapPath, 'INBOX'),
    pollSeconds: reader.integer(imapNode, 'pollSeconds', imapPath, 60, 1, 3600),
  };

  const smtpSecure = reader.boolean(smtpNode, 'secure', smtpPath, true);
  const smtp: SmtpSettings = {
    host: reader.string(smtpNode, 'host', smtpPath),
    port: reader.integer(smtpNode, 'port', smtpPath, smtpSecure ? 465 : 587, 1, 65535),
    secure: smtpSecure,
    user: reader.optionalString(smtpNode, 'user', smtpPath),
    password: reader.optionalString(smtpNode, 'password', smtpPath),
  };
  if (smtp.user && !smtp.password) reader.problem(`${smtpPath}.password`, 'a password when smtp.user is set', smtp.password);
  return { address, imap, smtp } satisfies EmailSettings;
};

export function emailSettingsOf(settings: Record<string, unknown>): EmailSettings {
  return settings as unknown as EmailSettings;
}
