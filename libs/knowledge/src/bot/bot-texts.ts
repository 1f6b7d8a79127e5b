import type { HandoverReason } from '@app/conversations';
import type { KbLanguage } from '../search-text.util';
import type { BotText } from './bot-config';

/** A choice the bot offers: a button where the channel has buttons, else the words the text names. */
export interface BotChoice {
  id: 'person' | 'yes' | 'no';
  label: string;
}

/** The bot's own words, in Russian and English. */
const TEXTS = {
  greeting: {
    ru: 'Здравствуйте! Я бот-помощник: отвечаю на частые вопросы по нашей базе знаний.',
    en: 'Hello! I am a bot: I answer common questions from our knowledge base.',
  },
  reachPersonButton: {
    ru: 'Чтобы позвать человека, нажмите «Позвать оператора» или напишите «оператор».',
    en: 'To reach a person, press "Talk to an agent" or write "agent".',
  },
  reachPersonWord: {
    ru: 'Чтобы позвать человека, напишите «оператор».',
    en: 'To reach a person, write "agent".',
  },
  more: { ru: 'Подробнее', en: 'More' },
  didItHelpButtons: { ru: 'Это помогло?', en: 'Did this help?' },
  didItHelpWords: {
    ru: 'Это помогло? Ответьте «да» или «нет»; чтобы позвать человека, напишите «оператор».',
    en: 'Did this help? Answer "yes" or "no"; to reach a person, write "agent".',
  },
  handedOver: { ru: 'Передаю разговор оператору — он ответит здесь же.', en: 'I am passing you to an agent, who will answer here.' },
  noMatch: {
    ru: 'Я не нашёл готового ответа. Передаю вопрос оператору — он ответит здесь же.',
    en: 'I could not find a ready answer. I am passing your question to an agent, who will answer here.',
  },
  resolved: { ru: 'Рад, что помог! Если появятся вопросы — пишите.', en: 'Glad I could help! Write any time you have a question.' },
} satisfies Record<string, BotText>;

const LABELS: Record<BotChoice['id'], BotText> = {
  person: { ru: 'Позвать оператора', en: 'Talk to an agent' },
  yes: { ru: 'Да, помогло', en: 'Yes, it helped' },
  no: { ru: 'Нет', en: 'No' },
};

/** Why the bot handed over, as the agent reads it on top of the transcript. */
const REASONS: Record<HandoverReason, BotText> = {
  word: { ru: 'клиент попросил человека', en: 'the customer asked for a person' },
  button: { ru: 'клиент нажал кнопку', en: 'the customer pressed the button' },
  no_match: { ru: 'бот не нашёл ответа', en: 'the bot found no answer' },
  limit: { ru: 'бот исчерпал число ответов', en: 'the bot gave as many answers as it may' },
  agent: { ru: 'ответил оператор', en: 'an agent answered' },
  reopened: { ru: 'клиент вернулся после закрытия ботом', en: 'the customer came back after the bot closed it' },
};

export const botText = (key: keyof typeof TEXTS, language: KbLanguage): string => TEXTS[key][language];

export const botChoices = (ids: BotChoice['id'][], language: KbLanguage): BotChoice[] => ids.map((id) => ({ id, label: LABELS[id][language] }));

export function greetingText(custom: BotText | null, buttons: boolean, language: KbLanguage): string {
  return `${(custom ?? TEXTS.greeting)[language]}\n${botText(buttons ? 'reachPersonButton' : 'reachPersonWord', language)}`;
}

export const handoverReasonText = (reason: HandoverReason, language: KbLanguage): string => REASONS[reason][language];

export function transcriptHeading(reason: HandoverReason, language: KbLanguage): string {
  return language === 'ru'
    ? `🤖 Бот передал разговор: ${REASONS[reason].ru}. Разговор с ботом:`
    : `🤖 The bot handed over: ${REASONS[reason].en}. The conversation with the bot:`;
}
