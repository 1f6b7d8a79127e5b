import type { Choice, ChoicePress } from './choices';

/**
 * The text fallback of choices for a channel without buttons: the question, then one numbered line per choice,
 * so that a reply of the number (or of the label itself) picks it.
 */
export function choicesAsText(text: string, choices: readonly Choice[]): string {
  const lines = choices.map((c, i) => `${i + 1}. ${c.label}`);
  return text.trim() ? `${text}\n\n${lines.join('\n')}` : lines.join('\n');
}

/** Replies longer than this are never read as a choice, however they start. */
export const MAX_CHOICE_REPLY_LENGTH = 48;

const simplified = (s: string) => s.normalize('NFKC').trim().replace(/[.!)\s]+$/u, '').replace(/\s+/gu, ' ').toLocaleLowerCase();

/**
 * Which choice a typed reply names: just its number ("2", "2.", "2)") or just its label (case and spacing aside);
 * null for anything else, so a sentence that happens to start with a digit stays a message.
 */
export function choiceOfReply(reply: string, choices: readonly Choice[]): Choice | null {
  if (reply.length > MAX_CHOICE_REPLY_LENGTH) return null;
  const answer = simplified(reply);
  if (!answer) return null;
  if (/^\d{1,2}$/.test(answer)) return choices[Number(answer) - 1] ?? null;
  return choices.find((c) => simplified(c.label) === answer) ?? null;
}

/**
 * The payload a button carries back: our message id and the choice id, e.g. `c:1234:5`, within Telegram's
 * 64 bytes of callback_data. Parsed back by `pressOfPayload`; anything else is not ours and yields null.
 */
export function choicePayload(messageId: number, choiceId: string): string {
  return `c:${messageId}:${choiceId}`;
}

export function pressOfPayload(payload: unknown): ChoicePress | null {
  if (typeof payload !== 'string') return null;
  const match = /^c:(\d{1,15}):(.{1,64})$/su.exec(payload);
  return match ? { messageId: Number(match[1]), id: match[2] } : null;
}
