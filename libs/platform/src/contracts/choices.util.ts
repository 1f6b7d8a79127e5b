import { Choice, ChoicePress, MAX_TYPED_ANSWER_LENGTH } from './choices';

/** The choices drawn as buttons or numbered lines (a `typed` choice is answered by writing, never drawn). */
export const drawnChoices = (choices: readonly Choice[]): Choice[] => choices.filter((c) => !c.typed);

/**
 * The text fallback of choices for a channel without buttons: the question, then one numbered line per choice,
 * so that a reply of the number (or of the label itself) picks it.
 */
export function choicesAsText(text: string, choices: readonly Choice[]): string {
  const lines = drawnChoices(choices).map((c, i) => `${i + 1}. ${c.label}`);
  return text.trim() ? `${text}\n\n${lines.join('\n')}` : lines.join('\n');
}

/** Replies longer than this are never read as a choice, however they start. */
export const MAX_CHOICE_REPLY_LENGTH = 48;

const simplified = (s: string) => s.normalize('NFKC').trim().replace(/[.!)\s]+$/u, '').replace(/\s+/gu, ' ').toLocaleLowerCase();

/**
 * Which choice a typed reply names: just its number ("2", "2.", "2)") or just its label (case and spacing aside);
 * else the offer's `typed` choice if it has one; null for anything else, so a sentence that happens to start with a
 * digit stays a message.
 */
export function choiceOfReply(reply: string, choices: readonly Choice[]): Choice | null {
  const typed = reply.trim() && reply.length <= MAX_TYPED_ANSWER_LENGTH ? choices.find((c) => c.typed) ?? null : null;
  if (reply.length > MAX_CHOICE_REPLY_LENGTH) return typed;
  const answer = simplified(reply);
  if (!answer) return null;
  const drawn = drawnChoices(choices);
  if (/^\d{1,2}$/.test(answer)) return drawn[Number(answer) - 1] ?? typed;
  return drawn.find((c) => simplified(c.label) === answer) ?? typed;
}

/** Whether a typed reply of this length could answer some offer (so ingest looks the offer up). */
export const mayAnswerChoices = (reply: string): boolean => reply.trim().length > 0 && reply.length <= MAX_TYPED_ANSWER_LENGTH;

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
