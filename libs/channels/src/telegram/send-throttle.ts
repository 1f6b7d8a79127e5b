export interface ThrottleLimits {
  /** Minimum gap between two messages to one chat. */
  perChatIntervalMs: number;
  /** Messages the bot may send in any one-second window. */
  perBotPerSecond: number;
}

/** Telegram's published limits: about one message per second per chat, 30 per second per bot. */
export const TELEGRAM_LIMITS: ThrottleLimits = { perChatIntervalMs: 1000, perBotPerSecond: 30 };

/**
 * Books send slots for one bot. `reserve` books the earliest slot allowed for the chat at once and says how
 * long to wait for it, so callers that run side by side never take the same slot.
 */
export class SendThrottle {
  private readonly lastByChat = new Map<string, number>();
  /** Booked slot times of the last second, ascending. */
  private readonly recent: number[] = [];
  private pausedUntil = 0;

  constructor(private readonly limits: ThrottleLimits = TELEGRAM_LIMITS, private readonly now: () => number = Date.now) {}

  /** Books the next slot for a message to this chat; returns the milliseconds to wait before sending. */
  reserve(chatId: string): number {
    const now = this.now();
    while (this.recent.length && this.recent[0] <= now - 1000) this.recent.shift();
    let at = Math.max(now, this.pausedUntil);
    const last = this.lastByChat.get(chatId);
    if (last !== undefined) at = Math.max(at, last + this.limits.perChatIntervalMs);
    // The bot-wide window: the slot must be a second after the one `perBotPerSecond` bookings back.
    for (;;) {
      const inWindow = this.recent.filter((t) => t > at - 1000);
      if (inWindow.length < this.limits.perBotPerSecond) break;
      at = inWindow[inWindow.length - this.limits.perBotPerSecond] + 1000;
    }
    this.lastByChat.set(chatId, at);
    this.recent.push(at);
    this.recent.sort((a, b) => a - b);
    this.forgetIdleChats(now);
    return at - now;
  }

  /** Telegram said 429: nothing goes out before `ms` have passed. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private forgetIdleChats(now: number): void {
    if (this.lastByChat.size < 1000) return;
    for (const [chat, at] of this.lastByChat) if (at + this.limits.perChatIntervalMs < now) this.lastByChat.delete(chat);
  }
}
