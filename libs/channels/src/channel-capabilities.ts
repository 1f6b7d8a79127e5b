// What a channel type can carry, as the API serves it. Plain types with no imports, so the web inbox shares them
// (type-only) instead of asking "which type is this?" or importing server code.

/** Chat: short messages while the customer waits (Enter sends, minutes-long targets); mail: letters answered within the working day. */
export type ChannelKind = 'chat' | 'mail';

export type AttachmentKind = 'image' | 'document' | 'audio' | 'voice' | 'video';

export interface ChannelCapabilities {
  kind: ChannelKind;
  text: {
    /** The longest text one message may carry (UTF-16 units), or null for no practical limit. */
    maxLength: number | null;
    /** What happens to a longer reply: cut into several messages at paragraph, line, sentence or word boundaries. */
    overflow: 'split' | 'none';
  };
  attachments: {
    /** What an agent's reply may carry; empty: the channel sends text only. */
    send: AttachmentKind[];
    /** The largest file of each kind the channel takes; a kind not named here is bounded by the server's upload limit only. */
    maxBytes: Partial<Record<AttachmentKind, number>>;
  };
  /** A window after the customer's last message outside which free-form replies are refused (WhatsApp Cloud), else null. */
  replyWindow: { hours: number; outside: string } | null;
  /** Whether the customer can be shown buttons to press (inline keyboards, interactive messages). */
  buttons: boolean;
  /**
   * How an outbound message's choices reach the customer: `buttons` (the adapter draws them and reads presses back)
   * or `text` (numbered lines added to the text; a reply of just the number or the label is read as the choice), or
   * `links` (one-click links to a page of the inbox, signed, when server.publicUrl is set; else as `text`).
   */
  choices: 'buttons' | 'text' | 'links';
  /** Whether a customer's edit of an earlier message reaches the inbox. */
  edits: boolean;
  receipts: { delivered: boolean; read: boolean };
  /** Whether the customer's id on this channel tells an agent something (a phone, an address) or is an opaque token (a web chat visitor). */
  readableContactId: boolean;
}

/** What the API tells the web inbox about a type. */
export interface ChannelTypeView {
  type: string;
  displayName: { en: string; ru: string };
  /** The badge shown next to its conversations: a short tag and its colour. */
  badge: { short: string; colour: string };
  capabilities: ChannelCapabilities;
}
