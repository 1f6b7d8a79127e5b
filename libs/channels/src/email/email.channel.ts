import type { ChannelTypeDefinition } from '../channel-type';
import { EmailAdapter } from './email.adapter';
import { emailSettingsOf, validateEmailSettings } from './email.config';

export const emailChannel: ChannelTypeDefinition = {
  type: 'email',
  displayName: { en: 'Email', ru: 'Почта' },
  badge: { short: '@', colour: '#8a5cd6' },
  capabilities: {
    kind: 'mail',
    text: { maxLength: null, overflow: 'none' },
    // The SMTP server's own limit applies; the server's upload limit keeps files well under the usual 25 MB.
    attachments: { send: ['image', 'document', 'audio', 'video'], maxBytes: {} },
    replyWindow: null,
    buttons: false,
    // One-click links to the inbox's page (a mail client runs no buttons); a reply with the number works too.
    choices: 'links',
    edits: false,
    // A bounce marks a reply failed; there is no delivery or read receipt to rely on.
    receipts: { delivered: false, read: false },
    readableContactId: true,
  },
  settings: validateEmailSettings,
  create: (config) => new EmailAdapter(config.id, config.name, emailSettingsOf(config.settings)),
};
