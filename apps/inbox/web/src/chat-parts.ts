import { splitMessage, TELEGRAM_TEXT_LIMIT } from '../../../../libs/channels/src/telegram/split-message.util';
import { CHAT_TYPES } from '../../../../libs/sla/src/policy/sla-policy';

/** Channels where Enter sends and replies are short messages (e-mail is the other kind). */
export const isChat = (channelType: string): boolean => CHAT_TYPES.includes(channelType);

// Channels whose adapter splits a long text into several messages, and at what length.
const PART_LIMITS: Record<string, number> = { telegram: TELEGRAM_TEXT_LIMIT, vk: 4096 /* VK_TEXT_LIMIT in libs/channels/src/vk */ };

export function partLimit(channelType: string): number | null {
  return PART_LIMITS[channelType] ?? null;
}

/** How many messages the customer will receive for this reply, cut exactly as the channel adapter cuts it. */
export function partsOf(channelType: string, text: string): number {
  const limit = partLimit(channelType);
  if (limit === null || text.trim().length <= limit) return 1;
  return splitMessage(text, limit).length;
}
