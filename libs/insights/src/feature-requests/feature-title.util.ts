import { searchTerms } from '@app/knowledge/search-text.util';

/** A title folded so that two agents typing the same request find one row: case, ё, punctuation and spaces. */
export function featureTitleKey(title: string): string {
  return title.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().slice(0, 200);
}

/**
 * How well an existing title suits what the agent is typing: shared word stems count, a title containing the typed
 * text (or its start) counts more; 0 when nothing matches.
 */
export function featureTitleScore(typed: string, title: string): number {
  const typedKey = featureTitleKey(typed);
  if (!typedKey) return 0;
  const titleKey = featureTitleKey(title);
  const titleTerms = new Set(searchTerms(title, 'ru'));
  const shared = searchTerms(typed, 'ru').filter((t) => titleTerms.has(t)).length;
  // The last word may be half typed: "экспорт в ex" should find "экспорт в Excel".
  const lastWord = typedKey.split(' ').pop()!;
  const prefix = lastWord.length >= 2 && titleKey.split(' ').some((w) => w.startsWith(lastWord)) ? 1 : 0;
  return (titleKey.includes(typedKey) ? 3 : 0) + shared * 2 + prefix;
}
