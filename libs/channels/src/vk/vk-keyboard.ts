import type { Choice } from '../channel-adapter';
import { choicePayload, pressOfPayload } from '@app/platform/contracts/choices.util';
import type { ChoicePress } from '@app/platform/contracts/choices';

/** VK's inline keyboard: at most five buttons in a row, labels of 40 characters. */
const PER_ROW = 5;
const LABEL = 40;

/**
 * Choices as an inline keyboard of text buttons: short labels (the faces) share a row, longer ones get a row
 * each. A press arrives as a message_new with the label as text and our payload, `{"choice":"c:<message>:<id>"}`.
 */
export function vkKeyboardOf(messageId: number, choices: readonly Choice[]): string {
  const buttons = choices.map((c) => ({
    action: { type: 'text', label: [...c.label].slice(0, LABEL).join(''), payload: JSON.stringify({ choice: choicePayload(messageId, c.id) }) },
  }));
  const perRow = choices.every((c) => [...c.label].length <= 4) ? PER_ROW : 1;
  const rows = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return JSON.stringify({ inline: true, buttons: rows });
}

/** The choice a message's button payload carries, or null (no payload, or another bot's). */
export function pressOfVkPayload(payload: unknown): ChoicePress | null {
  if (typeof payload !== 'string') return null;
  try {
    return pressOfPayload((JSON.parse(payload) as { choice?: unknown })?.choice);
  } catch {
    return null;
  }
}
