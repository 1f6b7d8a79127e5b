/** Delivery statuses a channel may report for an outbound message. */
export type ReceiptStatus = 'sent' | 'delivered' | 'read' | 'failed';

/**
 * whatsapp-web.js `message_ack` values (MessageAck): ACK_ERROR -1, ACK_PENDING 0, ACK_SERVER 1,
 * ACK_DEVICE 2, ACK_READ 3, ACK_PLAYED 4 (a voice note listened to). Pending says nothing new.
 */
export function ackToStatus(ack: number): ReceiptStatus | null {
  if (ack === -1) return 'failed';
  if (ack === 1) return 'sent';
  if (ack === 2) return 'delivered';
  if (ack === 3 || ack === 4) return 'read';
  return null;
}
