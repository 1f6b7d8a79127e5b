import { ChannelTypeCatalog, ChannelTypeDefinition } from './channel-type';
import { BUILTIN_CHANNEL_TYPES } from './channel-types';

const definition = (type: string, kind: 'chat' | 'mail' = 'chat'): ChannelTypeDefinition => ({
  type,
  displayName: { en: type, ru: type },
  badge: { short: type.slice(0, 2), colour: '#000000' },
  capabilities: { ...BUILTIN_CHANNEL_TYPES.get('telegram')!.capabilities, kind },
  settings: (s) => s,
  create: () => { throw new Error('not built in this test'); },
});

describe('ChannelTypeCatalog', () => {
  it('registers every built-in type once, each with its kind', () => {
    expect(BUILTIN_CHANNEL_TYPES.types()).toEqual(['webchat', 'telegram', 'whatsapp', 'email', 'vk']);
    expect(BUILTIN_CHANNEL_TYPES.types().map((t) => BUILTIN_CHANNEL_TYPES.kindOf(t))).toEqual(['chat', 'chat', 'chat', 'mail', 'chat']);
    expect(Object.keys(BUILTIN_CHANNEL_TYPES.settingsValidators())).toEqual(['webchat', 'telegram', 'whatsapp', 'email', 'vk']);
  });

  it('adds a type or replaces one of the same name, and refuses a type registered twice', () => {
    const catalog = BUILTIN_CHANNEL_TYPES.with(definition('fax', 'mail'), definition('telegram', 'mail'));
    expect(catalog.types()).toEqual(['webchat', 'whatsapp', 'email', 'vk', 'fax', 'telegram']);
    expect(catalog.kindOf('telegram')).toBe('mail');
    expect(BUILTIN_CHANNEL_TYPES.kindOf('telegram')).toBe('chat');
    expect(catalog.kindOf('gone-from-the-build')).toBe('chat');
    expect(() => new ChannelTypeCatalog([definition('a'), definition('a')])).toThrow('channel type a is registered twice');
  });

  it('gives a WhatsApp Cloud number the 24-hour reply window, a linked device none', () => {
    const whatsapp = (connection: string) => BUILTIN_CHANNEL_TYPES.capabilitiesOf({ type: 'whatsapp', settings: { connection } });
    expect(whatsapp('cloud')?.replyWindow).toMatchObject({ hours: 24 });
    expect(whatsapp('web')?.replyWindow).toBeNull();
    expect(BUILTIN_CHANNEL_TYPES.capabilitiesOf({ type: 'fax', settings: {} })).toBeNull();
  });
});
