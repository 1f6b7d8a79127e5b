import type { ChannelTypeDefinition } from '@app/channels';
import { ScriptedChannel } from './scripted.adapter';
import { ScriptedSettings, validateScriptedSettings } from './scripted.settings';

/** Short enough that a test can write a reply that goes in several parts. */
export const SCRIPTED_TEXT_LIMIT = 500;

/** A throwaway channel type: its folder plus this one registration, and the whole app takes it in. */
export function scriptedChannelType(...channels: ScriptedChannel[]): ChannelTypeDefinition {
  return {
    type: 'scripted',
    displayName: { en: 'Scripted peer', ru: 'Сценарный канал' },
    badge: { short: 'SCR', colour: '#5b6b2f' },
    capabilities: {
      kind: 'chat',
      text: { maxLength: SCRIPTED_TEXT_LIMIT, overflow: 'split' },
      attachments: { send: ['document'], maxBytes: { document: 1024 * 1024 } },
      replyWindow: null,
      buttons: false,
      choices: 'text',
      edits: false,
      receipts: { delivered: false, read: false },
      readableContactId: true,
    },
    settings: validateScriptedSettings,
    create: (config) => {
      const channel = channels.find((c) => c.channelId === config.id) ?? new ScriptedChannel(config.id);
      channel.settings = config.settings as unknown as ScriptedSettings;
      return channel;
    },
  };
}
