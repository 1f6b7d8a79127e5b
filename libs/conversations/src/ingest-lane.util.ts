/**
 * The lane of a sender's messages when ingest stores several batches at once: the same sender always in the same
 * lane (so their messages stay in order, one transaction at a time), senders spread evenly (FNV-1a of the key).
 */
export function laneOf(senderKey: string, lanes: number): number {
  if (lanes <= 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < senderKey.length; i++) hash = Math.imul(hash ^ senderKey.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % lanes;
}
