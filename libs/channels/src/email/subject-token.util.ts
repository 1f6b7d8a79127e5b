const TOKEN = /\[#(\d{1,9})\]/g;
/** Reply and answer prefixes of common mail clients (Re, Aw, Sv, Antw, Odp, Ответ, …), optionally numbered (`Re[2]:`). */
const REPLY_PREFIX = /^\s*(re|aw|sv|vs|antw|odp|ynt|ответ|отв)\s*(\[\d+\]|\(\d+\))?\s*:\s*/i;

/** The conversation id carried in a subject as `[#123]` (the last one, if several), or null. */
export function subjectToken(subject: string | null | undefined): number | null {
  if (!subject) return null;
  const matches = [...subject.matchAll(TOKEN)];
  if (!matches.length) return null;
  const id = Number(matches[matches.length - 1][1]);
  return id > 0 ? id : null;
}

/** The subject without reply prefixes and tokens: what the thread is about. */
export function baseSubject(subject: string | null | undefined): string {
  let s = (subject ?? '').replace(TOKEN, ' ');
  while (REPLY_PREFIX.test(s)) s = s.replace(REPLY_PREFIX, '');
  return s.replace(/\s+/g, ' ').trim();
}

/** The subject of our answer: `Re: <subject> [#<conversation>]`, never a second `Re:` or token. */
export function replySubject(subject: string | null | undefined, conversationId: number): string {
  return `Re: ${baseSubject(subject) || 'Your request'} [#${conversationId}]`;
}
