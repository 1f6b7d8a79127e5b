import type { ChannelTypeDefinition } from '../channel-type';
import { WebchatAdapter } from './webchat.adapter';
import { validateWebchatSettings } from './webchat.config';
import { WebchatHub } from './webchat-hub';

export const webchatChannel: ChannelTypeDefinition = {
  type: 'webchat',
  displayName: { en: 'Web chat', ru: 'Веб-чат' },
  badge: { short: 'WEB', colour: '#e07a2f' },
  capabilities: {
    kind: 'chat',
    text: { maxLength: null, overflow: 'none' },
    // Files reach the visitor as download links, so any kind goes.
    attachments: { send: ['image', 'document', 'audio', 'voice', 'video'], maxBytes: {} },
    replyWindow: null,
    buttons: true,
    // The visitor's page draws them; a press is POSTed back as { choiceId, replyTo }.
    choices: 'buttons',
    edits: false,
    // "delivered" when the visitor's page was connected to receive the reply.
    receipts: { delivered: true, read: false },
    // A visitor id is a random token; the name the visitor gave is what agents read.
    readableContactId: false,
  },
  settings: validateWebchatSettings,
  create: (config, services) => new WebchatAdapter(config.id, services.get(WebchatHub)),
};
