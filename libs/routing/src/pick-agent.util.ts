/** An agent who could take a conversation now, with what it holds. */
export interface RoutingCandidate {
  agentId: number;
  capacity: number;
  /** Open conversations assigned to the agent (pending, snoozed and resolved do not count). */
  holding: number;
  /** Epoch ms of the last conversation routing gave it, or null. */
  lastAssignedAt: number | null;
}

/** Room left: negative when ops assigned beyond capacity by hand. */
export const roomOf = (c: RoutingCandidate): number => c.capacity - c.holding;

/**
 * Who takes the next conversation: the preferred agent (the customer's account owner) when it has room, else the
 * member with the most room, ties to whoever routing served least recently (never served first), then the lower id.
 * Null when nobody has room.
 */
export function pickAgent(members: RoutingCandidate[], preferred?: RoutingCandidate | null): { agentId: number; preferred: boolean } | null {
  if (preferred && roomOf(preferred) > 0) return { agentId: preferred.agentId, preferred: true };
  const withRoom = members.filter((m) => roomOf(m) > 0);
  if (!withRoom.length) return null;
  withRoom.sort((a, b) => roomOf(b) - roomOf(a) || (a.lastAssignedAt ?? -1) - (b.lastAssignedAt ?? -1) || a.agentId - b.agentId);
  return { agentId: withRoom[0].agentId, preferred: false };
}
