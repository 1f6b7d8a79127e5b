import { CHANNEL_SETTINGS_VALIDATORS } from '@app/channels/channel-types';
import { AppConfig, loadConfig } from '@app/platform/config';
import { validatePolicyConfig } from '@app/sla/policy/policy-registry.service';

/** The app's configuration: the platform's loader plus the channel types' settings and the SLA policies validators. */
export function loadAppConfig(env: Record<string, string | undefined> = process.env, cwd?: string): AppConfig {
  return loadConfig(env, { channelTypes: CHANNEL_SETTINGS_VALIDATORS, validatePolicies: validatePolicyConfig }, cwd);
}
