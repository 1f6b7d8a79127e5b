import { guessLanguage, KB_LANGUAGES, searchTerms, termOf } from '../search-text.util';

const WORD = /[\p{L}\p{N}]+/gu;

/** Where a mail client starts quoting what it answers: "On … wrote:", «… написал(а):», an "Original Message" rule. */
const QUOTE_HEADER = /^\s*(on\s.+\swrote:|.+\s(написал|написала|написал\(а\)|пишет):|-{2,}\s*(original message|исходное сообщение)\s*-{2,})\s*$/iu;

/**
 * What the customer wrote themselves: a reply by mail quotes the bot's own words («напишите «оператор»»), which must
 * not read as the customer asking for a person. Lines quoted with `>` go, and everything from a quote header on.
 */
export function ownText(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (QUOTE_HEADER.test(line)) break;
    if (!/^\s*>/.test(line)) lines.push(line);
  }
  return lines.join('\n').trim();
}

/** The words of a text, lower case, ё read as е. */
export function plainWords(text: string): string[] {
  return (text.toLowerCase().replace(/ё/g, 'е').match(WORD) ?? []);
}

/** A word's stems in both languages (a Latin word has one), so «оператора» and «operators» meet their handover word. */
function stemsOf(word: string): Set<string> {
  const stems = new Set<string>([word]);
  for (const language of KB_LANGUAGES) {
    const term = termOf(word, language);
    if (term) stems.add(term);
  }
  return stems;
}

/**
 * Whether the text asks for a person: one of the handover words (or every word of a handover phrase) appears in it,
 * compared by stems, so the wording may vary («позовите оператора», «Живой человек!», "Agent please").
 */
export function asksForPerson(text: string, handoverWords: readonly string[]): boolean {
  const said = new Set(plainWords(text).flatMap((w) => [...stemsOf(w)]));
  return handoverWords.some((phrase) => {
    const words = plainWords(phrase);
    return words.length > 0 && words.every((w) => [...stemsOf(w)].some((stem) => said.has(stem)));
  });
}

/** Answers to "did this help?" read from a short reply; a longer one is a new question. */
const NO = new Set(['нет', 'неа', 'no', 'nope']);
const NOT = new Set(['не', 'not', 'didn', 'didnt', 'doesn', 'doesnt']);
const YES = new Set(['да', 'ага', 'помогло', 'помогла', 'спасибо', 'благодарю', 'yes', 'yep', 'yeah', 'thanks', 'thank', 'helped', 'ok', 'ок']);
const FEEDBACK_MAX_WORDS = 4;

export function feedbackOf(text: string): 'yes' | 'no' | null {
  const words = plainWords(text);
  if (!words.length || words.length > FEEDBACK_MAX_WORDS) return null;
  if (words.some((w) => NO.has(w) || NOT.has(w))) return 'no';
  if (words.some((w) => YES.has(w))) return 'yes';
  return null;
}

/** Whether the text holds any word a search can use: not only a hello, a thank-you, stop words, emoji or a sticker. */
export function hasQuestion(text: string): boolean {
  const language = guessLanguage(text);
  return (language ? [language] : KB_LANGUAGES).some((l) => searchTerms(text, l).some((t) => !GREETING_TERMS.has(t)));
}

/**
 * How sure the bot is that an article answers a question: the share of the question's search terms the article
 * holds (title, tags and text), the title's counted twice as much. The same on both databases, whatever their
 * own scores, so one `minScore` means the same thing on SQLite and PostgreSQL.
 */
export function answerConfidence(question: string, article: { title: string; tags: string[]; plainText: string; language: (typeof KB_LANGUAGES)[number] }): number {
  const wanted = searchTerms(question, article.language).filter((t) => !GREETING_TERMS.has(t));
  if (!wanted.length) return 0;
  const title = new Set(searchTerms(`${article.title} ${article.tags.join(' ')}`, article.language));
  const body = new Set(searchTerms(article.plainText, article.language));
  let score = 0;
  for (const term of wanted) score += title.has(term) ? 2 : body.has(term) ? 1 : 0;
  return Math.min(1, score / (wanted.length * 1.5));
}

/** Politeness carries no question: "Здравствуйте, …" or "Hello, …" should not lower the share of matching words. */
const GREETING_TERMS = new Set(['здравств', 'привет', 'добр', 'ден', 'вечер', 'утр', 'пожалуйст', 'спасиб', 'hello', 'hi', 'pleas', 'thank', 'good', 'morn', 'afternoon', 'even']);
