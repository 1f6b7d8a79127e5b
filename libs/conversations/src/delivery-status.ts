import { DeliveryStatus } from './entities';

const RANK: Record<DeliveryStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 1 };

/**
 * Delivery acknowledgements arrive out of order (a "read" before its "delivered"), so status only moves
 * forward: queued → sent → delivered → read. A failure can follow queued or sent, never a confirmed delivery;
 * only an explicit retry moves a failed message back to queued.
 */
export function advanceDeliveryStatus(current: DeliveryStatus | null, next: DeliveryStatus): DeliveryStatus {
  if (current === null) return next;
  if (current === 'failed') return next === 'failed' ? current : RANK[next] >= RANK.delivered ? next : current;
  if (next === 'failed') return RANK[current] <= RANK.sent ? 'failed' : current;
  return RANK[next] > RANK[current] ? next : current;
}
