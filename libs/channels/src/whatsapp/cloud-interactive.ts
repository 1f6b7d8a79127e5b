import type { Choice } from '../channel-adapter';
import { choicePayload } from '@app/platform/contracts/choices.util';

/** WhatsApp's limits: three reply buttons of 20 characters; a list of ten rows of 24; a body of 1024. */
const MAX_BUTTONS = 3;
const BUTTON_TITLE = 20;
const ROW_TITLE = 24;
const MAX_ROWS = 10;
export const INTERACTIVE_BODY_LIMIT = 1024;

const cut = (s: string, n: number) => ([...s].length <= n ? s : `${[...s].slice(0, n - 1).join('')}…`);

/**
 * Choices as a Cloud API interactive message: up to three as reply buttons, more (the five faces) as a list
 * opened by one button. Each carries `choicePayload`, which the webhook's button_reply / list_reply returns.
 */
export function interactiveOf(messageId: number, body: string, choices: readonly Choice[]): Record<string, unknown> {
  const text = cut(body.trim() || '…', INTERACTIVE_BODY_LIMIT);
  if (choices.length <= MAX_BUTTONS) {
    return {
      type: 'button',
      body: { text },
      action: { buttons: choices.map((c) => ({ type: 'reply', reply: { id: choicePayload(messageId, c.id), title: cut(c.label, BUTTON_TITLE) } })) },
    };
  }
  return {
    type: 'list',
    body: { text },
    // The list's button is the only label the customer reads before opening it: both languages, within 20 characters.
    action: { button: 'Выбрать / Choose', sections: [{ title: cut(text.split('\n')[0], ROW_TITLE), rows: choices.slice(0, MAX_ROWS).map((c) => ({ id: choicePayload(messageId, c.id), title: cut(c.label, ROW_TITLE) })) }] },
  };
}
