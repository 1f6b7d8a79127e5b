/**
 * How long a new chat will wait, from what a team lead watches: unanswered chats per agent online, and the
 * recent median first response. One agent clears `chatsPerAgent` chats within the first-response target,
 * so a queue deeper than that per agent stretches the wait proportionally.
 */
export function expectedWaitMs(input: {
  unanswered: number;
  agentsOnline: number;
  chatsPerAgent: number;
  firstResponseTarget: number;
  recentMedianFirstResponse: number | null;
}): number {
  const perAgent = input.unanswered / Math.max(1, input.agentsOnline);
  const fromQueue = (perAgent / input.chatsPerAgent) * input.firstResponseTarget;
  return Math.max(fromQueue, input.recentMedianFirstResponse ?? 0);
}

/** True when the customer should be told the wait is longer than the channel promises. */
export function isHighLoad(expectedWait: number, firstResponseTarget: number): boolean {
  return expectedWait > firstResponseTarget;
}
