import type { AttachmentKind } from '../channel-type';

/** WhatsApp refuses a text message longer than this. */
export const WHATSAPP_TEXT_LIMIT = 4096;

/** WhatsApp's media limits (Cloud API documentation; a linked device is held to the same). */
export const WHATSAPP_MEDIA_LIMITS: Record<'image' | 'document' | 'voice', number> = {
  image: 5 * 1024 * 1024,
  document: 100 * 1024 * 1024,
  voice: 16 * 1024 * 1024,
};
