import { createHash } from 'node:crypto';

/**
 * The `random_id` of one part of one outbound message: VK sends a message with a random_id it has already seen
 * from this community only once, so a retry (after a timeout, a crash, in another process) is never a second
 * message. A hash keeps it within VK's signed 32-bit range whatever the message id; never 0, which means "none".
 */
export function randomIdOf(channelId: string, messageId: number, part: number): number {
  const hash = createHash('sha256').update(`${channelId}:${messageId}:${part}`).digest().readUInt32BE(0) & 0x7fffffff;
  return hash || 1;
}
