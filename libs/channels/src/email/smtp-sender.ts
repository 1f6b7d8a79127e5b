import { Logger } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { OutgoingMail } from './build-outgoing-mail.util';
import type { SmtpSettings } from './email.config';
import { toSendError } from './smtp-send-error.util';

/** Sends through one pooled SMTP transport per channel; certificates are verified (never turned off). */
export class SmtpSender {
  private readonly transport;

  constructor(settings: SmtpSettings, logger: Logger) {
    this.transport = nodemailer.createTransport({
      pool: true,
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
      maxConnections: 3,
      maxMessages: 100,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      logger: false,
    });
    // The pool reports connection trouble as an event too: without a listener it would end the process.
    this.transport.on('error', (err: Error) => logger.warn(`SMTP ${settings.host}:${settings.port}: ${err.message}`));
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        attachments: mail.attachments,
      });
    } catch (err) {
      throw toSendError(err);
    }
  }

  close(): void {
    this.transport.close();
  }
}
