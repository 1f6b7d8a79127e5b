import { OutboundFile, SendError } from '../channel-adapter';
import { splitText } from '../shared/split-text.util';

/** WhatsApp refuses a text message longer than this. */
export const WHATSAPP_TEXT_LIMIT = 4096;

/** A reply's text as WhatsApp takes it: nothing for an empty text, else parts of at most 4096 characters. */
export function textParts(text: string): string[] {
  return text.trim() ? splitText(text, WHATSAPP_TEXT_LIMIT) : [];
}

export type WhatsappMediaKind = 'image' | 'document' | 'voice';

/** WhatsApp's media limits (Cloud API documentation; a linked device is held to the same). */
export const WHATSAPP_MEDIA_LIMITS: Record<WhatsappMediaKind, number> = {
  image: 5 * 1024 * 1024,
  document: 100 * 1024 * 1024,
  voice: 16 * 1024 * 1024,
};

// WhatsApp shows only JPEG and PNG as photos, and plays AAC, AMR, MP3, MP4 audio and OGG/Opus; anything else goes as a document.
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
const AUDIO_TYPES = new Set(['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg']);

const KIND_WORDS: Record<WhatsappMediaKind, string> = { image: 'images', document: 'documents', voice: 'voice messages' };

/** How WhatsApp carries this file: a photo, a voice message or a document. */
export function whatsappMediaKind(contentType: string): WhatsappMediaKind {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (IMAGE_TYPES.has(type)) return 'image';
  if (AUDIO_TYPES.has(type)) return 'voice';
  return 'document';
}

/**
 * The kind of every file of a reply, checked against WhatsApp's limits before anything is sent, so a file WhatsApp
 * would refuse fails the message at once with the reason (and no part of it goes out twice on a retry).
 */
export function whatsappMediaOf(files: OutboundFile[]): { file: OutboundFile; kind: WhatsappMediaKind }[] {
  return files.map((file) => {
    const kind = whatsappMediaKind(file.contentType);
    const limit = WHATSAPP_MEDIA_LIMITS[kind];
    if (file.data.length > limit) {
      throw new SendError(`WhatsApp refuses "${file.name}": ${megabytes(file.data.length)} is over its ${megabytes(limit)} limit for ${KIND_WORDS[kind]}`, { permanent: true });
    }
    return { file, kind };
  });
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
