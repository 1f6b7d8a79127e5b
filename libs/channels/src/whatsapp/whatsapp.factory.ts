import type { ChannelConfig } from '@app/platform/config';
import type { ChannelAdapter, ChannelAdapterFactory } from '../channel-adapter';
import { CloudAdapterOptions, WhatsappCloudAdapter } from './whatsapp-cloud.adapter';
import { WhatsappWebAdapter } from './whatsapp-web.adapter';
import type { WwebClientFactory } from './whatsapp-web.client';
import type { WhatsappCloudSettings, WhatsappConnection, WhatsappSettings, WhatsappWebSettings } from './whatsapp.config';

export interface WhatsappFactoryOptions {
  /** Builds the whatsapp-web.js client (tests pass a fake with the same events and methods). */
  webClientFactory?: WwebClientFactory;
  cloud?: CloudAdapterOptions;
}

type Builder = (id: string, settings: WhatsappSettings, options: WhatsappFactoryOptions) => ChannelAdapter;

/** The one place the connection kind is looked at: each kind is its own adapter. */
const BUILDERS: Record<WhatsappConnection, Builder> = {
  web: (id, settings, options) => new WhatsappWebAdapter(id, settings as WhatsappWebSettings, { clientFactory: options.webClientFactory }),
  cloud: (id, settings, options) => new WhatsappCloudAdapter(id, settings as WhatsappCloudSettings, options.cloud),
};

export class WhatsappAdapterFactory implements ChannelAdapterFactory {
  readonly type = 'whatsapp';

  constructor(private readonly options: WhatsappFactoryOptions = {}) {}

  create(config: ChannelConfig): ChannelAdapter {
    const settings = config.settings as unknown as WhatsappSettings;
    const build = BUILDERS[settings.connection];
    if (!build) throw new Error(`channel ${config.id}: unknown WhatsApp connection "${String(settings.connection)}"`);
    return build(config.id, settings, this.options);
  }
}
