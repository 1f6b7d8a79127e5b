import { searchTerms } from '@app/knowledge/search-text.util';

/** Terms shorter than this (after stemming) match too much to suggest a conversation ("не", "at"). */
const MIN_TERM = 3;

/** The incident's words as stemmed terms (Russian and English), stop words and tiny words dropped. */
export function incidentTerms(text: string): Set<string> {
  return new Set(searchTerms(text, 'ru').filter((t) => t.length >= MIN_TERM));
}

/** The incident's terms a customer's text contains, in the order the incident names them: "оплата не проходит" matches "Не проходят оплаты". */
export function matchingTerms(terms: ReadonlySet<string>, text: string): string[] {
  const found = new Set(searchTerms(text, 'ru'));
  return [...terms].filter((t) => found.has(t));
}
