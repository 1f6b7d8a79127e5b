import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConfigProblems } from '@app/platform/config';
import { APP_CONFIG, AppConfig } from '@app/platform/config/app-config';
import { Clock } from '@app/platform/clock/clock';
import { ChannelTypeCatalog } from '@app/channels/channel-type';
import { DomainEvents, InvalidRequestError, NotFoundError } from '@app/conversations';
import { formatDuration } from '../duration';
import { PolicyChange } from '../entities/policy-change.entity';
import { applyPolicyOverrides } from './parse-sla-policy';
import { defaultPolicy, SlaPolicy } from './sla-policy';

type Raw = Record<string, unknown>;

/**
 * The effective policy of every channel: the type's defaults, then `policies.<type>` from the config,
 * then the type's API overrides, then the channel's own `policy:` and its API overrides.
 */
@Injectable()
export class PolicyRegistry implements OnModuleInit {
  private overrides = new Map<string, Raw>();
  private readonly byChannel = new Map<string, SlaPolicy>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly channelTypes: ChannelTypeCatalog,
    private readonly events: DomainEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    // A change made through another process applies here at once too.
    this.events.on('policy.changed', () => void this.reload().catch(() => undefined));
  }

  /** Reads the latest API overrides of every scope (they outlive restarts). */
  async reload(): Promise<void> {
    const rows = await this.db.getRepository(PolicyChange).find({ order: { id: 'ASC' } });
    this.overrides = new Map(rows.map((r) => [r.scope, r.overrides]));
    this.byChannel.clear();
  }

  forChannel(channelId: string): SlaPolicy {
    let policy = this.byChannel.get(channelId);
    if (!policy) {
      const channel = this.config.channels.find((c) => c.id === channelId);
      policy = channel ? this.compose(channel.type, channelId) : defaultPolicy('chat');
      this.byChannel.set(channelId, policy);
    }
    return policy;
  }

  channelType(channelId: string): string {
    return this.config.channels.find((c) => c.id === channelId)?.type ?? 'unknown';
  }

  /** Whether the channel is a chat (high-load notices, Enter sends) rather than mail, as its type declares. */
  isChat(channelId: string): boolean {
    return this.channelTypes.kindOf(this.channelType(channelId)) === 'chat';
  }

  forType(type: string): SlaPolicy {
    return this.compose(type);
  }

  /** The policies agents and ops read: one per channel type in use, one per channel. */
  describe() {
    const types = [...new Set([...this.channelTypes.types(), ...this.config.channels.map((c) => c.type)])];
    return {
      types: Object.fromEntries(types.map((t) => [t, describePolicy(this.forType(t))])),
      channels: Object.fromEntries(this.config.channels.map((c) => [c.id, { type: c.type, ...describePolicy(this.forChannel(c.id)) }])),
    };
  }

  /** Changes a type's or a channel's policy; recorded with who, when, before and after. Applies to deadlines computed from now on. */
  async update(scope: string, changes: Raw, agentId: number | null) {
    const channel = this.config.channels.find((c) => c.id === scope);
    const isType = !channel && (this.channelTypes.get(scope) !== undefined || this.config.channels.some((c) => c.type === scope));
    if (!channel && !isType) throw new NotFoundError('channel type or channel', scope);
    const merged = deepMerge(this.overrides.get(scope) ?? {}, changes);
    const before = channel ? this.forChannel(scope) : this.forType(scope);
    const check = channel ? this.compose(channel.type, scope, merged) : this.compose(scope, undefined, merged);
    const { problems } = applyPolicyOverrides(before, changes, '');
    if (problems.length) throw new InvalidRequestError(problems[0].split(':')[0], problems.join('; '));
    const repo = this.db.getRepository(PolicyChange);
    await repo.save(repo.create({ scope, agentId, before: describePolicy(before), after: describePolicy(check), overrides: merged, at: this.clock.now() }));
    this.overrides.set(scope, merged);
    this.byChannel.clear();
    this.events.emit('policy.changed', { scope });
    return describePolicy(check);
  }

  history(scope: string) {
    return this.db.getRepository(PolicyChange).find({ where: { scope }, order: { id: 'DESC' }, take: 50 });
  }

  private compose(type: string, channelId?: string, replaceOverrides?: Raw): SlaPolicy {
    const scopeOverrides = (scope: string) => (replaceOverrides && scope === (channelId ?? type) ? replaceOverrides : this.overrides.get(scope));
    const layers: unknown[] = [this.config.policies[type], scopeOverrides(type)];
    if (channelId) layers.push(this.config.channels.find((c) => c.id === channelId)?.policy, scopeOverrides(channelId));
    // Layers were validated at boot (config) or on PUT (overrides); problems here cannot occur.
    return layers.reduce<SlaPolicy>((policy, layer) => applyPolicyOverrides(policy, layer, '').policy, defaultPolicy(this.channelTypes.kindOf(type)));
  }
}

/** The config hook: checks `policies.<type>` and every `channels[i].policy` at boot, naming bad keys. */
export function policyConfigValidator(channelTypes: ChannelTypeCatalog) {
  return (config: AppConfig, reader: ConfigProblems): void => {
    const defaults = (type: string) => defaultPolicy(channelTypes.kindOf(type));
    const bases = new Map<string, SlaPolicy>();
    for (const [type, raw] of Object.entries(config.policies)) {
      const { policy, problems } = applyPolicyOverrides(defaults(type), raw, `policies.${type}`);
      reader.problems.push(...problems);
      bases.set(type, policy);
    }
    config.channels.forEach((channel, i) => {
      const base = bases.get(channel.type) ?? defaults(channel.type);
      reader.problems.push(...applyPolicyOverrides(base, channel.policy, `channels[${i}].policy`).problems);
    });
  };
}

/** A policy as JSON with readable durations. */
export function describePolicy(p: SlaPolicy): Raw {
  return {
    firstResponse: formatDuration(p.firstResponse),
    nextResponse: formatDuration(p.nextResponse),
    resolution: p.resolution === undefined ? null : formatDuration(p.resolution),
    warnAt: p.warnAt,
    pauseWhilePending: p.pauseWhilePending,
    businessHours: p.businessHours,
    timeZone: p.timeZone,
    autoAcknowledge: { ...p.autoAcknowledge, perSenderWindow: formatDuration(p.autoAcknowledge.perSenderWindow) },
    highLoadNotice: p.highLoadNotice,
  };
}

function deepMerge(base: Raw, changes: Raw): Raw {
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    const prev = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev) ? deepMerge(prev as Raw, v as Raw) : v;
  }
  return out;
}
