import type { KbLanguage } from '../search-text.util';
import { botText, transcriptHeading } from './bot-texts';
import type { HandoverReason } from '@app/conversations';

/** The most of an article's text one answer carries; the link leads to the rest. */
const EXCERPT_CHARS = 600;
/** The most of the dialogue the transcript note repeats (its latest part). */
const TRANSCRIPT_LINES = 30;
const LINE_CHARS = 500;

/** Cut at the last sentence (or word) end before `max` characters, with an ellipsis when cut. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  const head = clean.slice(0, max);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('.\n'), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (sentence > max / 2) return head.slice(0, sentence + 1);
  const word = head.lastIndexOf(' ');
  return `${head.slice(0, word > 0 ? word : max).trimEnd()}…`;
}

/** The bot's answer: the article's title, the start of its text, and its link in the help center. */
export function articleAnswer(article: { title: string; plainText: string }, url: string, language: KbLanguage): string {
  return `${article.title}\n\n${excerpt(article.plainText)}\n\n${botText('more', language)}: ${url}`;
}

export interface TranscriptLine {
  direction: string;
  body: string;
  /** A message the bot (or another automatic sender of ours) wrote. */
  automatic: boolean;
}

/** The note the agent finds on handover: why, then who said what (the customer, the bot), latest part only. */
export function transcriptNote(lines: TranscriptLine[], reason: HandoverReason, language: KbLanguage): string {
  const names = language === 'ru' ? { in: 'Клиент', out: 'Бот' } : { in: 'Customer', out: 'Bot' };
  const dialogue = lines.filter((l) => l.direction === 'in' || l.direction === 'out').slice(-TRANSCRIPT_LINES).map((l) => {
    const body = l.body.replace(/\s+/g, ' ').trim();
    return `${l.direction === 'in' ? names.in : names.out}: ${body.length > LINE_CHARS ? `${body.slice(0, LINE_CHARS)}…` : body}`;
  });
  return [transcriptHeading(reason, language), ...dialogue].join('\n');
}
