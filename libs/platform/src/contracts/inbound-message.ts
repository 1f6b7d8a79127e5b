// The one shape of a customer's message between the two sides of ingest. Channels produce it and conversations
// store it, and neither may import the other (DESIGN: the worker joins them), so it lives here, where both may.
import type { ChoicePress } from './choices';

export interface InboundAttachment {
  name: string;
  contentType: string;
  size: number;
  /** Key in the attachment store; absent when the file was not kept. */
  storageKey?: string;
  /** Why the file is not stored (over the size limit, no longer available). */
  note?: string;
}

/** A customer's message as a channel adapter normalised it; the worker adds the channel id and ingests it. */
export interface InboundMessage {
  /** The channel's own message id: the dedupe key. */
  externalId: string;
  sender: { externalId: string; name?: string | null };
  text: string;
  html?: string | null;
  attachments?: InboundAttachment[];
  sentAt?: Date;
  /** Sent by a machine (RFC 3834 signs and the like): stored, never auto-answered. */
  automatic?: boolean;
  subject?: string | null;
  /** External ids of earlier messages this one answers (e-mail In-Reply-To / References). */
  threadRefs?: string[];
  /** A conversation id carried in the subject (`[#123]`). */
  threadToken?: number | null;
  /** E-mail: a mail that names no known thread starts a new conversation, even if the sender has an open one. */
  threadedByReferences?: boolean;
  meta?: Record<string, unknown>;
  /**
   * A pressed button (see choices.ts): the choice and the message that offered it. Such a message is stored in the
   * offering message's conversation, never reopens it and never counts for the SLA; its text may be empty (ingest
   * stores the choice's label).
   */
  choice?: ChoicePress;
  /** The customer's language as the channel tells it (`ru-RU`, Telegram's language_code, Content-Language). */
  language?: string | null;
  /** Web chat: the topic the customer picked before the chat; recorded on a new conversation for routing. */
  topic?: string | null;
}
