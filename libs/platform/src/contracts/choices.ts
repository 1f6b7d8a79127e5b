// Channel-native buttons ("choices") shared by the side that offers them (surveys, the bot), the channels that show
// them and ingest, which reads a press back. Lives here because channels and conversations may not import each other.

/** One button of an outbound message: `id` is what comes back when it is pressed, `label` what the customer sees. */
export interface Choice {
  id: string;
  label: string;
  /**
   * Not a button: any typed reply that is the first message after the offer (and names no other choice) is read as
   * this choice, its text kept (a survey's comment, a bot asking for an order number). Never drawn.
   */
  typed?: boolean;
}

/** A pressed choice, as an inbound message carries it: the choice's id and our id of the message that offered it. */
export interface ChoicePress {
  id: string;
  messageId: number;
}

/** The most choices one message may offer (Telegram and VK rows, WhatsApp's list of ten, a readable numbered list). */
export const MAX_CHOICES = 10;
/** Choice ids travel inside channel payloads (Telegram's callback_data is 64 bytes with our message id). */
export const MAX_CHOICE_ID_LENGTH = 32;
export const MAX_CHOICE_LABEL_LENGTH = 40;
/** The longest typed reply read as a `typed` choice. */
export const MAX_TYPED_ANSWER_LENGTH = 4000;
