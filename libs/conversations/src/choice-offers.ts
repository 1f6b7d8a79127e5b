import type { Choice } from '@app/platform/contracts/choices';
import { choiceOfReply, mayAnswerChoices } from '@app/platform/contracts/choices.util';
import { ConversationTx } from './conversation-tx';
import { Message } from './entities';
import type { IdentityRef } from './inbound-batch';
import type { InboundCommand } from './ingest.service';

/** An inbound message read as a press of a choice that one of our messages offered. */
export interface ChoiceAnswer {
  choice: Choice;
  offeredBy: Message;
}

interface OfferRow {
  id: number | string;
  conversationId: number | string;
  channelId: string;
  body: string;
  choices: string | null;
  meta: string | null;
  automatic: boolean | number;
  createdAt: number | string;
  identityId: number | string;
}

/**
 * How long a question waits for a typed answer: a number or a label typed back within a week is still the answer;
 * free text (a `typed` choice, the survey's comment) only within the hour, so a customer writing about something
 * new later is a new message, not a comment nobody reads.
 */
const TYPED_REPLY_WINDOW_MS = 7 * 86_400_000;
const FREE_TEXT_WINDOW_MS = 3_600_000;

const COLUMNS = `m.id, m."conversationId", m."channelId", m.body, m.choices, m.meta, m.automatic, m."createdAt", c."identityId"`;

/**
 * Finds, set-based for one ingest batch, which inbound messages answer a choice: a button press names its offering
 * message (accepted only from the customer it was offered to, on its channel, for a choice it offered); a short
 * typed reply is read as the number or label of the choices our last message in one of the sender's conversations
 * offered, when nothing was said since (so a later "2" in a chat stays a message); any reply answers an offer with
 * a `typed` choice.
 */
export async function choiceAnswers(tx: ConversationTx, cmds: InboundCommand[], identityOf: (cmd: InboundCommand) => IdentityRef, now: Date): Promise<Map<InboundCommand, ChoiceAnswer>> {
  const answers = new Map<InboundCommand, ChoiceAnswer>();
  const pressed = cmds.filter((cmd) => cmd.choice);
  if (pressed.length) {
    const list = tx.sql.inList('m.id', [...new Set(pressed.map((cmd) => cmd.choice!.messageId))]);
    const rows = await tx.sql.all<OfferRow>(`SELECT ${COLUMNS} FROM messages m JOIN conversations c ON c.id = m."conversationId" WHERE ${list.sql} AND m.direction = ?`, [list.param, 'out']);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    for (const cmd of pressed) {
      const row = byId.get(cmd.choice!.messageId);
      if (!row || row.channelId !== cmd.channelId || Number(row.identityId) !== identityOf(cmd).id) continue;
      const offeredBy = messageOf(row);
      const choice = offeredBy.choices?.find((c) => c.id === cmd.choice!.id);
      if (choice) answers.set(cmd, { choice, offeredBy });
    }
  }

  const typed = cmds.filter((cmd) => !cmd.choice && !cmd.attachments?.length && mayAnswerChoices(cmd.text));
  if (!typed.length) return answers;
  const list = tx.sql.inList('c."identityId"', [...new Set(typed.map((cmd) => identityOf(cmd).id))]);
  // Each conversation keeps its open offer (ConversationTx); the condition names the partial index of those that have one.
  const rows = await tx.sql.all<OfferRow>(
    `SELECT ${COLUMNS} FROM conversations c JOIN messages m ON m.id = c."offerMessageId" WHERE ${list.sql} AND c."offerMessageId" IS NOT NULL`, [list.param]);
  const latestOffer = new Map<number, Message>();
  for (const row of rows) {
    const offer = messageOf(row);
    const identityId = Number(row.identityId);
    if ((latestOffer.get(identityId)?.id ?? 0) < offer.id) latestOffer.set(identityId, offer);
  }
  for (const cmd of typed) {
    const identityId = identityOf(cmd).id;
    const offeredBy = latestOffer.get(identityId);
    if (!offeredBy || offeredBy.channelId !== cmd.channelId) continue;
    // Only the first message after the question answers it; the rest of a burst are messages.
    latestOffer.delete(identityId);
    const age = now.getTime() - offeredBy.createdAt.getTime();
    if (age > TYPED_REPLY_WINDOW_MS) continue;
    const choice = choiceOfReply(cmd.text, offeredBy.choices ?? []);
    if (choice && (!choice.typed || age <= FREE_TEXT_WINDOW_MS)) answers.set(cmd, { choice, offeredBy });
  }
  return answers;
}

function messageOf(row: OfferRow): Message {
  return Object.assign(new Message(), {
    id: Number(row.id), conversationId: Number(row.conversationId), channelId: row.channelId, direction: 'out', body: row.body,
    choices: row.choices ? (JSON.parse(row.choices) as Choice[]) : null, meta: row.meta ? JSON.parse(row.meta) : null,
    automatic: row.automatic === true || row.automatic === 1, createdAt: new Date(Number(row.createdAt)),
  });
}
