import type { ChannelTypeDefinition } from '../channel-type';
import { VK_TEXT_LIMIT, VkAdapter } from './vk.adapter';
import { MAX_DOC_BYTES, MAX_PHOTO_BYTES } from './vk-outbound-files';
import { validateVkSettings, vkSettingsOf } from './vk.config';

export const vkChannel: ChannelTypeDefinition = {
  type: 'vk',
  displayName: { en: 'VK', ru: 'ВКонтакте' },
  badge: { short: 'VK', colour: '#0077ff' },
  capabilities: {
    kind: 'chat',
    text: { maxLength: VK_TEXT_LIMIT, overflow: 'split' },
    // Images go as photos through VK's upload server, everything else as a document.
    attachments: { send: ['image', 'document', 'audio', 'video'], maxBytes: { image: MAX_PHOTO_BYTES, document: MAX_DOC_BYTES, audio: MAX_DOC_BYTES, video: MAX_DOC_BYTES } },
    replyWindow: null,
    // Community messages can carry a keyboard.
    buttons: true,
    // An inline keyboard of text buttons; a press comes back as a message with our payload.
    choices: 'buttons',
    // A customer's edit arrives as message_edit and is stored.
    edits: true,
    // VK reports reading as "read up to message N", which is not applied yet.
    receipts: { delivered: false, read: false },
    readableContactId: true,
  },
  settings: validateVkSettings,
  create: (config) => new VkAdapter(config.id, vkSettingsOf(config)),
};
