/** The one-line preview shown in the inbox list: whitespace folded, cut at a word near the limit. */
export function previewOf(text: string, limit = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > limit * 0.6 ? cut.slice(0, space) : cut}…`;
}
