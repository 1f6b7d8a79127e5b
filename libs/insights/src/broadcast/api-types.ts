// The shapes the lead tools' API serves: no imports, so the web app shares them type-only.

/** One conversation of a broadcast: its message's delivery status, or `unreachable` with the reason. */
export interface BroadcastDeliveryView {
  conversationId: number;
  channelId: string;
  messageId: number | null;
  status: 'unreachable' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
  reason: string | null;
}

export interface BroadcastOutcome {
  source: string;
  total: number;
  /** Queued or sent, not failed. */
  reached: number;
  /** Not reached and why: refused by the channel before sending (WhatsApp's window) or failed in the outbox (a blocked bot). */
  unreachable: BroadcastDeliveryView[];
  deliveries: BroadcastDeliveryView[];
}
