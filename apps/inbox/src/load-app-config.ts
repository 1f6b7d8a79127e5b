import { BUILTIN_CHANNEL_TYPES, ChannelTypeCatalog } from '@app/channels';
import { AppConfig, loadConfig } from '@app/platform/config';
import { botConfigValidator } from '@app/knowledge/bot/bot-config';
import { policyConfigValidator } from '@app/sla/policy/policy-registry.service';

/** The app's configuration: the platform's loader plus the channel types' settings and the SLA policies validators. */
export function loadAppConfig(env: Record<string, string | undefined> = process.env, cwd?: string, channelTypes: ChannelTypeCatalog = BUILTIN_CHANNEL_TYPES): AppConfig {
  return loadConfig(env, { channelTypes: channelTypes.settingsValidators(), validatePolicies: policyConfigValidator(channelTypes),
    validateChannelSections: [botConfigValidator((type) => channelTypes.kindOf(type))] }, cwd);
}
