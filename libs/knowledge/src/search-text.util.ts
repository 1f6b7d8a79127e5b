import { newStemmer } from 'snowball-stemmers';
import { ENGLISH_STOPWORDS, RUSSIAN_STOPWORDS } from './stopwords';

export const KB_LANGUAGES = ['ru', 'en'] as const;
export type KbLanguage = (typeof KB_LANGUAGES)[number];

const stemmers = { ru: newStemmer('russian'), en: newStemmer('english') };
const WORD = /[\p{L}\p{N}]+/gu;
const LATIN_ONLY = /^[a-z]+$/;
const HAS_DIGIT = /\p{N}/u;

export interface Token {
  /** The word as written. */
  word: string;
  /** Where it starts in the text. */
  index: number;
  /** Its search term, or null for a stop word. */
  term: string | null;
}

/**
 * Splits text into words and gives each its search term the way PostgreSQL's configuration of the language does:
 * lower case, ё read as е, stop words dropped, Latin words through the English stemmer (PostgreSQL's `russian`
 * configuration sends ASCII words to `english_stem`), other words through the language's stemmer, words with
 * digits kept as they are. So the terms SQLite indexes are the lexemes PostgreSQL's tsvector holds.
 */
export function tokenize(text: string, language: KbLanguage): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    tokens.push({ word: match[0], index: match.index, term: termOf(match[0], language) });
  }
  return tokens;
}

export function termOf(word: string, language: KbLanguage): string | null {
  const lower = word.toLowerCase().replace(/ё/g, 'е');
  if (HAS_DIGIT.test(lower)) return lower;
  const dictionary: KbLanguage = LATIN_ONLY.test(lower) ? 'en' : language;
  const stopwords = dictionary === 'en' ? ENGLISH_STOPWORDS : RUSSIAN_STOPWORDS;
  if (stopwords.has(lower)) return null;
  return stemmers[dictionary].stem(lower);
}

/** The distinct search terms of a text, in the order they first appear. */
export function searchTerms(text: string, language: KbLanguage): string[] {
  return [...new Set(tokenize(text, language).map((t) => t.term).filter((t): t is string => t !== null))];
}

/** The text as the SQLite index stores it: its terms separated by spaces. */
export function indexedText(text: string, language: KbLanguage): string {
  return tokenize(text, language).map((t) => t.term).filter((t) => t !== null).join(' ');
}

/** Text made safe for HTML content and quoted attribute values. */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * A piece of the text around the first matching words, HTML-escaped, with the words whose terms are searched for
 * in `<mark>`. `maxWords` bounds the piece the way ts_headline's MaxWords does.
 */
export function highlight(text: string, terms: ReadonlySet<string>, language: KbLanguage, maxWords = 30): string {
  const tokens = tokenize(text, language);
  if (!tokens.length) return '';
  const first = tokens.findIndex((t) => t.term !== null && terms.has(t.term));
  const startToken = Math.max(0, (first < 0 ? 0 : first) - 5);
  const endToken = Math.min(tokens.length, startToken + maxWords);
  let html = startToken > 0 ? '… ' : '';
  let at = startToken > 0 ? tokens[startToken].index : 0;
  for (const token of tokens.slice(startToken, endToken)) {
    html += escapeHtml(text.slice(at, token.index));
    const word = escapeHtml(token.word);
    html += token.term !== null && terms.has(token.term) ? `<mark>${word}</mark>` : word;
    at = token.index + token.word.length;
  }
  return html + (endToken < tokens.length ? ' …' : escapeHtml(text.slice(at)));
}

/** Cyrillic letters outnumber Latin ones: Russian; the other way: English; no letters of either: unknown. */
export function guessLanguage(text: string): KbLanguage | null {
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (!cyrillic && !latin) return null;
  return cyrillic >= latin ? 'ru' : 'en';
}
