import type { Conversation } from './entities';

/** Where a conversation stands with the bot: answering it, handed to the agents, or closed by it. */
export type BotState = 'active' | 'handed_over' | 'resolved';

/** Why the bot handed a conversation to the agents. */
export type HandoverReason = 'word' | 'button' | 'no_match' | 'limit' | 'agent' | 'reopened';

/**
 * The bot's part of a conversation, stored on it (`conversations.bot`): read with the row, so the hooks that must
 * know whether the bot holds a conversation (the SLA clock, routing) need no other query.
 */
export interface ConversationBot {
  state: BotState;
  /** How many answers the bot has given. */
  answers: number;
  /** The article the bot asked "did this help?" about, while it waits for the answer. */
  awaitingFeedbackOn: number | null;
  handoverReason: HandoverReason | null;
  /** Epoch ms of the handover or the bot's closing. */
  endedAt: number | null;
}

/**
 * Whether the bot holds the conversation (answering, or closed by it), so it is nobody's work yet: the SLA clock
 * does not run and routing does not assign it. It becomes the agents' at the handover (`conversation.needs_agent`).
 */
export function heldByBot(c: Pick<Conversation, 'bot'>): boolean {
  return !!c.bot && (c.bot as unknown as ConversationBot).state !== 'handed_over';
}

/**
 * Since when the agents have had the conversation, for measuring their waits: the bot's handover (an agent answering
 * while the bot still holds it takes it over at that moment, `at`); null when no bot held it.
 */
export function agentsHaveItSince(c: Pick<Conversation, 'bot'>, at: Date): Date | null {
  const bot = c.bot as unknown as ConversationBot | null;
  if (!bot) return null;
  if (bot.state === 'handed_over' && bot.endedAt !== null) return new Date(bot.endedAt);
  return bot.state === 'active' ? at : null;
}
