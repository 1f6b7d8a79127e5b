import type { ChannelTypeDefinition } from '../channel-type';
import { TELEGRAM_TEXT_LIMIT, TELEGRAM_UPLOAD_LIMIT, TelegramAdapter } from './telegram.adapter';
import { telegramSettingsOf, validateTelegramSettings } from './telegram.config';

export const telegramChannel: ChannelTypeDefinition = {
  type: 'telegram',
  displayName: { en: 'Telegram', ru: 'Telegram' },
  badge: { short: 'TG', colour: '#229ed9' },
  capabilities: {
    kind: 'chat',
    text: { maxLength: TELEGRAM_TEXT_LIMIT, overflow: 'split' },
    // Photos go as photos, everything else (audio included) as a document.
    attachments: { send: ['image', 'document'], maxBytes: { image: TELEGRAM_UPLOAD_LIMIT, document: TELEGRAM_UPLOAD_LIMIT } },
    replyWindow: null,
    buttons: true,
    // An inline keyboard; a press comes back as a callback query.
    choices: 'buttons',
    edits: true,
    // The Bot API tells a bot nothing about delivery or reading.
    receipts: { delivered: false, read: false },
    readableContactId: true,
  },
  settings: validateTelegramSettings,
  create: (config) => new TelegramAdapter(config.id, telegramSettingsOf(config)),
};
