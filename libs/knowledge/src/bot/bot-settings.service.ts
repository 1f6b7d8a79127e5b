import { Inject, Injectable } from '@nestjs/common';
import { ChannelTypeCatalog } from '@app/channels/channel-type';
import { APP_CONFIG, AppConfig } from '@app/platform/config/app-config';
import { BotSettings, parseBotSettings } from './bot-config';

export interface ChannelBot extends BotSettings {
  /** Whether the channel shows choices as buttons (its capabilities); otherwise as numbered lines, and the bot names the words to write. */
  buttons: boolean;
}

/** Each channel's bot as configured (checked at boot), with what the channel can show. */
@Injectable()
export class BotSettingsRegistry {
  private readonly byChannel = new Map<string, ChannelBot>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly channelTypes: ChannelTypeCatalog) {
    for (const channel of config.channels) {
      const settings = parseBotSettings(channel.bot, channelTypes.kindOf(channel.type), '', []);
      if (settings.enabled) this.byChannel.set(channel.id, { ...settings, buttons: channelTypes.capabilitiesOf(channel)?.choices === 'buttons' });
    }
  }

  /** The channel's bot, or null when it has none (or it is off). */
  forChannel(channelId: string): ChannelBot | null {
    return this.byChannel.get(channelId) ?? null;
  }

  /** Where a customer reads an article: the help center's page, absolute when the server's public address is known. */
  articleUrl(path: string): string {
    return this.config.publicUrl ? `${this.config.publicUrl.replace(/\/+$/, '')}${path}` : path;
  }
}
