/** An agent a note may mention. */
export interface Mentionable {
  id: number;
  name: string;
  email: string;
}

const LETTER = /[\p{L}\p{N}_.-]/u;
/** Whether a handle of `length` characters ends a word in `rest`; a full stop or dash right after it ends a sentence. */
const endsWord = (rest: string, length: number): boolean => {
  const next = rest[length] ?? ' ';
  return !LETTER.test(next) || (/[.-]/.test(next) && !LETTER.test(rest[length + 1] ?? ' '));
};
const fold = (s: string) => s.toLocaleLowerCase('ru').replace(/ё/g, 'е');

/**
 * The agents a note mentions with `@name`: the full name (`@Анна Смирнова`), the first name alone when no other
 * agent shares it (`@Анна`), or the e-mail's local part (`@anna`). Case and ё/е do not matter; the handle must end
 * at a word boundary, so `@Анн` mentions nobody. The longest handle wins where two would match at one `@`.
 */
export function mentionedAgents(text: string, agents: Mentionable[]): number[] {
  const handles: Array<{ handle: string; id: number }> = [];
  const firstNames = new Map<string, number[]>();
  for (const a of agents) {
    const full = fold(a.name.trim().replace(/\s+/g, ' '));
    if (full) handles.push({ handle: full, id: a.id });
    const local = fold(a.email.split('@')[0] ?? '');
    if (local) handles.push({ handle: local, id: a.id });
    const first = full.split(' ')[0];
    if (first && first !== full) firstNames.set(first, [...(firstNames.get(first) ?? []), a.id]);
  }
  for (const [first, ids] of firstNames) if (ids.length === 1) handles.push({ handle: first, id: ids[0] });
  handles.sort((a, b) => b.handle.length - a.handle.length);

  const folded = fold(text);
  const found = new Set<number>();
  for (let at = folded.indexOf('@'); at !== -1; at = folded.indexOf('@', at + 1)) {
    if (at > 0 && LETTER.test(folded[at - 1])) continue; // an e-mail address, not a mention
    const rest = folded.slice(at + 1);
    const match = handles.find(({ handle }) => rest.startsWith(handle) && endsWord(rest, handle.length));
    if (match) found.add(match.id);
  }
  return [...found];
}
