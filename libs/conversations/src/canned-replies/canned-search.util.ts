/**
 * Search over canned replies, the same on SQLite and PostgreSQL: the application folds the text (lower case by
 * JavaScript, which knows Cyrillic where SQLite's LOWER() does not; ё as е), stores it, and matches each word
 * of the query as a substring; the ranking puts short-code hits first, then title hits, then body-only ones.
 */
export function foldForSearch(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

export function searchTextOf(reply: { shortCode: string; title: string; body: string }): string {
  return foldForSearch(`${reply.shortCode}\n${reply.title}\n${reply.body}`);
}

/** The query's words, folded; a leading `/` (as typed in the reply box) is dropped. */
export function queryWords(query: string): string[] {
  return foldForSearch(query.replace(/^\//, '')).split(' ').filter(Boolean).slice(0, 8);
}

/** Lower is better: 0 exact short code, 1 short code starts with the query, 2 the title has every word, 3 the rest. */
export function matchRank(reply: { shortCode: string; title: string }, words: string[]): number {
  if (!words.length) return 3;
  const code = foldForSearch(reply.shortCode);
  const joined = words.join(' ');
  if (code === joined) return 0;
  if (code.startsWith(joined)) return 1;
  const title = foldForSearch(reply.title);
  return words.every((w) => title.includes(w)) ? 2 : 3;
}

/** A LIKE pattern matching the word anywhere, with LIKE's wildcards escaped (used with ESCAPE '\'). */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
