/** Optimal string alignment distance (Levenshtein with adjacent transpositions), stopping once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

/** How many typing mistakes a word of this length may hold: none below 4 letters, one up to 6, two beyond. */
export function allowedTypos(length: number): number {
  return length < 4 ? 0 : length <= 6 ? 1 : 2;
}

/**
 * The query with each word that is not in the vocabulary replaced by the closest vocabulary word within its allowed
 * typos (ties: the more frequent word, then the alphabetically first); null when nothing was corrected.
 * `known(word)` says whether a word needs no correction (e.g. its stem is indexed).
 */
export function correctQuery(query: string, vocabulary: ReadonlyMap<string, number>, known: (word: string) => boolean): string | null {
  let changed = false;
  const corrected = query.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const lower = word.toLowerCase();
    const max = allowedTypos(lower.length);
    if (!max || vocabulary.has(lower) || known(lower)) return word;
    let best: { word: string; distance: number; count: number } | null = null;
    for (const [candidate, count] of vocabulary) {
      const distance = editDistance(lower, candidate, max);
      if (distance > max) continue;
      if (!best || distance < best.distance || (distance === best.distance && (count > best.count || (count === best.count && candidate < best.word)))) {
        best = { word: candidate, distance, count };
      }
    }
    if (!best) return word;
    changed = true;
    return best.word;
  });
  return changed ? corrected : null;
}
