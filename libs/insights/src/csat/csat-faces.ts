import type { Choice } from '@app/platform/contracts/choices';
import type { LocalisedText } from '@app/platform/config';

/**
 * The five faces, best first (the domain documents: 😍 became 🤩 before customers would press it). The id is the
 * rating stored (5 best … 1 worst); the two best make the score.
 */
export const CSAT_FACES: readonly Choice[] = [
  { id: '5', label: '🤩' }, { id: '4', label: '😀' }, { id: '3', label: '😐' }, { id: '2', label: '🙁' }, { id: '1', label: '😠' },
];

export const ratingOfFace = (choiceId: string): number | null => (CSAT_FACES.some((f) => f.id === choiceId) ? Number(choiceId) : null);

/** After the rating: any message the customer writes next is kept as the comment. */
export const COMMENT_CHOICE: Choice = { id: 'comment', label: 'comment', typed: true };

export const COMMENT_INVITATION: LocalisedText = {
  ru: 'Спасибо за оценку! Если хотите что-то добавить, напишите это одним сообщением.',
  en: 'Thank you for your rating! If you would like to add something, write it in one message.',
};

export type Language = 'ru' | 'en';

export const inLanguage = (text: LocalisedText, language: Language): string => (typeof text === 'string' ? text : text[language]);

/**
 * The customer's language: until the customer-language helper lands, the channel's default (`language:` in its
 * settings when it has one), else Russian.
 */
export function channelLanguage(settings: Record<string, unknown>): Language {
  const language = settings.language ?? settings.defaultLanguage;
  return language === 'en' ? 'en' : 'ru';
}
