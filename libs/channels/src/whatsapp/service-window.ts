/** WhatsApp's customer service window: free-form messages only within 24 hours of the customer's last message. */
export const SERVICE_WINDOW_HOURS = 24;
export const SERVICE_WINDOW_MS = SERVICE_WINDOW_HOURS * 60 * 60 * 1000;

/**
 * Why a free-form message to this customer cannot be sent now, or null when the window is open.
 * `lastInboundMs` is the time of the customer's last message (null: none known).
 */
export function serviceWindowRefusal(customer: string, lastInboundMs: number | null, nowMs: number): string | null {
  if (lastInboundMs !== null && nowMs - lastInboundMs < SERVICE_WINDOW_MS) return null;
  const since = lastInboundMs === null
    ? 'no message from this customer is known'
    : `the customer's last message was at ${new Date(lastInboundMs).toISOString()}, the window closed at ${new Date(lastInboundMs + SERVICE_WINDOW_MS).toISOString()}`;
  return windowClosedMessage(customer, since);
}

/** The one wording of the refusal, so agents always read that a template message is what is needed. */
export function windowClosedMessage(customer: string, why: string): string {
  return `WhatsApp's 24-hour customer service window with ${customer} is closed (${why}): `
    + 'a free-form reply cannot be sent, a template message is needed (or wait until the customer writes again)';
}
