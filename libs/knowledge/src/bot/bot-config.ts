import { z } from 'zod';
import type { ConfigProblems } from '@app/platform/config';
import type { AppConfig } from '@app/platform/config/app-config';
import { parseOrReport, settingsObject } from '@app/platform/config/config-schema';
import type { ChannelKind } from '@app/channels/channel-capabilities';
import { KB_LANGUAGES, KbLanguage } from '../search-text.util';

/** A text in both languages; a config may give one text for both, or `{ ru, en }`. */
export type BotText = Record<KbLanguage, string>;

export interface BotSettings {
  enabled: boolean;
  /** Replaces the default first words (that it is a bot); how to reach a person is always added. */
  greeting: BotText | null;
  /** Words (or phrases) that hand over at once, compared as stemmed words: «оператора», «Operators!» match too. */
  handoverWords: string[];
  /** How sure the bot must be to answer with an article: the share of the question's words the article holds, 0..1. */
  minScore: number;
  /** Answers before the bot stops trying and hands over. */
  maxAnswers: number;
  /** The channel's default language, for the bot's own texts (until the customer's language is known). */
  language: KbLanguage;
}

export const DEFAULT_HANDOVER_WORDS = ['оператор', 'человек', 'operator', 'agent'];
const DEFAULTS = { handoverWords: DEFAULT_HANDOVER_WORDS, minScore: 0.5, maxAnswers: 3, language: 'ru' as KbLanguage };

const text = z.union([
  z.string().trim().min(1).transform((v): BotText => ({ ru: v, en: v })),
  settingsObject('a bot text', { ru: z.string().trim().min(1, { error: 'a non-empty text' }), en: z.string().trim().min(1, { error: 'a non-empty text' }) }),
], { error: 'a text or { ru, en } texts' });

const onOff = z.preprocess((v) => (v === 'on' || v === 'true' ? true : v === 'off' || v === 'false' ? false : v), z.boolean({ error: 'true or false' }));

const schema = settingsObject('bot', {
  enabled: onOff.optional(),
  greeting: text.optional(),
  handoverWords: z.array(z.string().trim().min(1, { error: 'a non-empty word' }), { error: 'a list of words' }).min(1, { error: 'at least one word' }).optional(),
  minScore: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'a number from 0 to 1' }).min(0, { error: 'a number from 0 to 1' }).max(1, { error: 'a number from 0 to 1' })).optional(),
  maxAnswers: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'a whole number from 1 to 20' }).int({ error: 'a whole number from 1 to 20' }).min(1, { error: 'a whole number from 1 to 20' }).max(20, { error: 'a whole number from 1 to 20' })).optional(),
  language: z.enum(KB_LANGUAGES, { error: `one of ${KB_LANGUAGES.join(', ')}` }).optional(),
});

/**
 * A channel's `bot:` section. No section: no bot. A section (or `bot: on`) turns it on for chats; e-mail, where a
 * bot's answer is a letter nobody expects, needs `enabled: true` written out.
 */
export function parseBotSettings(raw: unknown, kind: ChannelKind, path: string, problems: string[]): BotSettings {
  const off: BotSettings = { enabled: false, greeting: null, ...DEFAULTS };
  if (raw === undefined || raw === null) return off;
  const given = parseOrReport(schema, typeof raw === 'boolean' || raw === 'on' || raw === 'off' ? { enabled: raw } : raw, path, problems);
  if (!given) return off;
  return {
    enabled: given.enabled ?? kind === 'chat',
    greeting: given.greeting ?? null,
    handoverWords: given.handoverWords ?? DEFAULTS.handoverWords,
    minScore: given.minScore ?? DEFAULTS.minScore,
    maxAnswers: given.maxAnswers ?? DEFAULTS.maxAnswers,
    language: given.language ?? DEFAULTS.language,
  };
}

/** The config hook: checks every channel's `bot:` at boot, naming bad keys. */
export function botConfigValidator(kindOf: (type: string) => ChannelKind) {
  return (config: AppConfig, reader: ConfigProblems): void => {
    config.channels.forEach((channel, i) => parseBotSettings(channel.bot, kindOf(channel.type), `channels[${i}].bot`, reader.problems));
  };
}
