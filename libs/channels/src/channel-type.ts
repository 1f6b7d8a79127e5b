import type { ChannelConfig, ChannelSettingsValidator } from '@app/platform/config';
import type { ChannelAdapter } from './channel-adapter';
import type { ChannelCapabilities, ChannelKind, ChannelTypeView } from './channel-capabilities';

export type { AttachmentKind, ChannelCapabilities, ChannelKind, ChannelTypeView } from './channel-capabilities';

/** Lets a factory reach a shared service of the app (the web chat's hub) without the registry knowing it. */
export interface ChannelServices {
  get<T>(token: abstract new (...args: never[]) => T): T;
}

/** Everything a channel type is, in one place: adding a type is its folder plus one line in `channel-types.ts`. */
export interface ChannelTypeDefinition extends ChannelTypeView {
  /** Where one channel of the type differs from the type's capabilities (a WhatsApp Cloud number has a reply window, a linked device none). */
  capabilitiesFor?(settings: Record<string, unknown>): ChannelCapabilities;
  /** Checks and normalises the channel's settings at boot (built from a zod schema with `settingsValidator`). */
  settings: ChannelSettingsValidator;
  create(config: ChannelConfig, services: ChannelServices): ChannelAdapter;
}

/** The registered channel types; every list of types (config validation, SLA defaults, the web's badges) comes from here. */
export class ChannelTypeCatalog {
  private readonly byType = new Map<string, ChannelTypeDefinition>();

  constructor(definitions: readonly ChannelTypeDefinition[]) {
    for (const definition of definitions) {
      if (this.byType.has(definition.type)) throw new Error(`channel type ${definition.type} is registered twice`);
      this.byType.set(definition.type, definition);
    }
  }

  /** A catalog with these definitions added, each replacing a registered one of its type (tests plug in peers this way). */
  with(...definitions: ChannelTypeDefinition[]): ChannelTypeCatalog {
    const replaced = new Set(definitions.map((d) => d.type));
    return new ChannelTypeCatalog([...this.all().filter((d) => !replaced.has(d.type)), ...definitions]);
  }

  get(type: string): ChannelTypeDefinition | undefined {
    return this.byType.get(type);
  }

  all(): ChannelTypeDefinition[] {
    return [...this.byType.values()];
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  /** Unknown types (a channel whose type left the build) count as chat, the stricter promise. */
  kindOf(type: string): ChannelKind {
    return this.byType.get(type)?.capabilities.kind ?? 'chat';
  }

  /** The capabilities of one configured channel. */
  capabilitiesOf(channel: Pick<ChannelConfig, 'type' | 'settings'>): ChannelCapabilities | null {
    const definition = this.byType.get(channel.type);
    if (!definition) return null;
    return definition.capabilitiesFor?.(channel.settings) ?? definition.capabilities;
  }

  settingsValidators(): Record<string, ChannelSettingsValidator> {
    return Object.fromEntries(this.all().map((d) => [d.type, d.settings]));
  }

  views(): ChannelTypeView[] {
    return this.all().map(({ type, displayName, badge, capabilities }) => ({ type, displayName, badge, capabilities }));
  }
}
