import type { ChannelAdapter } from '../channel-adapter';
import type { ChannelCapabilities, ChannelTypeDefinition } from '../channel-type';
import { CloudAdapterOptions, WhatsappCloudAdapter } from './whatsapp-cloud.adapter';
import { WhatsappWebAdapter } from './whatsapp-web.adapter';
import type { WwebClientFactory } from './whatsapp-web.client';
import { WHATSAPP_MEDIA_LIMITS, WHATSAPP_TEXT_LIMIT } from './whatsapp-media';
import type { WhatsappCloudSettings, WhatsappConnection, WhatsappSettings, WhatsappWebSettings } from './whatsapp.config';
import { validateWhatsappSettings } from './whatsapp.config';
import { SERVICE_WINDOW_HOURS } from './service-window';

export interface WhatsappChannelOptions {
  /** Builds the whatsapp-web.js client (tests pass a fake with the same events and methods). */
  webClientFactory?: WwebClientFactory;
  cloud?: CloudAdapterOptions;
}

type Builder = (id: string, settings: WhatsappSettings, options: WhatsappChannelOptions) => ChannelAdapter;

/** The one place the connection kind is looked at: each kind is its own adapter. */
const BUILDERS: Record<WhatsappConnection, Builder> = {
  web: (id, settings, options) => new WhatsappWebAdapter(id, settings as WhatsappWebSettings, { clientFactory: options.webClientFactory }),
  cloud: (id, settings, options) => new WhatsappCloudAdapter(id, settings as WhatsappCloudSettings, options.cloud),
};

const LINKED_DEVICE: ChannelCapabilities = {
  kind: 'chat',
  text: { maxLength: WHATSAPP_TEXT_LIMIT, overflow: 'split' },
  attachments: { send: ['image', 'document', 'voice'], maxBytes: { ...WHATSAPP_MEDIA_LIMITS } },
  replyWindow: null,
  buttons: true,
  // A linked device has no buttons that reach a bot: numbered lines, the reply read back.
  choices: 'text',
  edits: false,
  receipts: { delivered: true, read: true },
  readableContactId: true,
};

const CLOUD: ChannelCapabilities = {
  ...LINKED_DEVICE,
  // Reply buttons (up to three) or a list (the five faces); a press comes back as an interactive message.
  choices: 'buttons',
  replyWindow: { hours: SERVICE_WINDOW_HOURS, outside: 'free-form replies are refused; only an approved template may open a new conversation' },
};

/** `type: whatsapp`; tests build it with a stand-in Client or a loopback Graph API. */
export function whatsappChannelType(options: WhatsappChannelOptions = {}): ChannelTypeDefinition {
  return {
    type: 'whatsapp',
    displayName: { en: 'WhatsApp', ru: 'WhatsApp' },
    badge: { short: 'WA', colour: '#1faa53' },
    capabilities: LINKED_DEVICE,
    capabilitiesFor: (settings) => ((settings as unknown as WhatsappSettings).connection === 'cloud' ? CLOUD : LINKED_DEVICE),
    settings: validateWhatsappSettings,
    create: (config) => {
      const settings = config.settings as unknown as WhatsappSettings;
      const build = BUILDERS[settings.connection];
      if (!build) throw new Error(`channel ${config.id}: unknown WhatsApp connection "${String(settings.connection)}"`);
      return build(config.id, settings, options);
    },
  };
}
