import { Logger } from '@nestjs/common';
import {
  ChannelAdapter, ChannelContext, ChannelHealth, ChannelState, OutboundMessage, SendError, SendResult,
} from '../channel-adapter';
import { buildOutgoingMail } from './build-outgoing-mail.util';
import { EmailSettings, emailSettingsOf } from './email.config';
import { ImapInbox } from './imap-inbox';
import { outboundMessageId, parseMessageIdList } from './parse-message-id.util';
import { readInboundMail } from './read-inbound-mail';
import { SmtpSender } from './smtp-sender';

/**
 * A support mailbox: mail is read over IMAP (IDLE) and answers go out over SMTP, threaded by Message-ID,
 * In-Reply-To/References and the `[#id]` subject token. Bounces mark our message failed instead of opening
 * a conversation.
 */
export class EmailAdapter implements ChannelAdapter {
  readonly type = 'email';
  private readonly logger: Logger;
  private state: ChannelHealth = { state: 'connecting', since: new Date() };
  private context: ChannelContext | null = null;
  private inbox: ImapInbox | null = null;
  private sender: SmtpSender | null = null;

  constructor(readonly channelId: string, private readonly name: string, private readonly settings: EmailSettings) {
    this.logger = new Logger(`EmailChannel:${channelId}`);
  }

  async start(context: ChannelContext): Promise<void> {
    this.context = context;
    this.sender = new SmtpSender(this.settings.smtp, this.logger);
    this.inbox = new ImapInbox(this.settings.imap, {
      cursors: context.cursors,
      onState: (state, reason) => this.setState(state, reason),
      onMessage: (uid, source) => this.receive(uid, source),
    }, this.logger);
    await this.inbox.start();
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (!this.sender) throw new SendError(`e-mail channel ${this.channelId} is not started`);
    const id = outboundMessageId(this.settings.address, message.conversationId, message.messageId);
    const mail = buildOutgoingMail(message, { address: this.settings.address, name: this.name }, id);
    await this.sender.send(mail);
    return {
      externalId: id,
      status: 'sent',
      meta: { messageId: id, references: parseMessageIdList(mail.references), subject: mail.subject },
    };
  }

  async stop(): Promise<void> {
    await this.inbox?.stop();
    this.sender?.close();
    this.setState('stopped');
  }

  health(): ChannelHealth {
    return this.state;
  }

  /** One fetched mail: a bounce updates our message, anything else is ingested. Storage errors propagate (the sync retries, until the inbox sets the mail aside). */
  private async receive(uid: number, source: Buffer): Promise<void> {
    const context = this.context!;
    let mail;
    let keepFailed = false;
    const sink = {
      maxAttachmentBytes: context.maxAttachmentBytes,
      saveAttachment: (data: Buffer) => context.saveAttachment(data).catch((err) => { keepFailed = true; throw err; }),
    };
    try {
      mail = await readInboundMail(source, sink);
    } catch (err) {
      if (keepFailed) throw err; // the disk, not the mail: the sync retries it
      // Reading it again would fail the same way: set it aside for ops (the cursor then passes it).
      await context.quarantine({ raw: source }, `IMAP ${this.settings.imap.mailbox} UID ${uid}: unreadable mail (${(err as Error).message})`);
      return;
    }
    if (mail.kind === 'message') {
      await context.inbound(mail.message);
      return;
    }
    const { bounce } = mail;
    if (bounce.action === 'failed' && bounce.originalMessageId) {
      await context.receipts(bounce.originalMessageId, 'failed', bounce.reason);
      this.logger.warn(`message ${bounce.originalMessageId} bounced: ${bounce.reason}`);
    } else {
      this.logger.log(`delivery report ${mail.messageId} (${bounce.action}) for ${bounce.originalMessageId ?? 'an unknown message'} not applied`);
    }
  }

  private setState(state: ChannelState, reason?: string): void {
    if (this.state.state === 'stopped') return;
    if (this.state.state !== state || this.state.reason !== reason) this.state = { state, reason, since: new Date() };
  }
}
