import type { ChannelContext, InboundAttachment } from '../channel-adapter';

export interface LocationLike {
  latitude: number | string;
  longitude: number | string;
  name?: string | null;
  address?: string | null;
}

/** A shared location as text agents can read and open: name, address, coordinates and a map link. */
export function formatLocation(location: LocationLike): string {
  const label = [location.name, location.address].filter((p) => typeof p === 'string' && p.trim()).join(', ');
  const at = `${location.latitude},${location.longitude}`;
  return `Location${label ? `: ${label}` : ''} (${at}) https://maps.google.com/?q=${at}`;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif',
  'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/amr': 'amr',
  'video/mp4': 'mp4', 'video/3gpp': '3gp', 'application/pdf': 'pdf', 'text/plain': 'txt',
};

/** The file's own name when the customer's app sent one, otherwise `<kind>.<extension>` (voice.ogg, image.jpg). */
export function mediaFileName(kind: string, mimeType: string, filename?: string | null): string {
  if (filename && filename.trim()) return filename.trim();
  const base = mimeType.split(';')[0].trim().toLowerCase();
  const label = kind === 'ptt' || kind === 'voice' ? 'voice' : kind || 'file';
  const subtype = base.split('/')[1] ?? '';
  return `${label}.${EXTENSIONS[base] ?? (/^[a-z0-9]{1,5}$/.test(subtype) ? subtype : 'bin')}`;
}

export interface MediaInfo {
  name: string;
  contentType: string;
  /** Size announced before download, when the peer tells it. */
  size?: number | null;
}

type Storage = Pick<ChannelContext, 'saveAttachment' | 'maxAttachmentBytes'>;

/**
 * Keeps a received file within the size limit. A file over the limit (announced or actual), or one the peer no
 * longer has, is recorded with a note instead, so agents see that something was sent. Errors of `load` propagate.
 */
export async function keepAttachment(storage: Storage, info: MediaInfo, load: () => Promise<Buffer | null>): Promise<InboundAttachment> {
  const limit = storage.maxAttachmentBytes;
  if (info.size && info.size > limit) return attachmentNote(info, `not stored: ${info.size} bytes is over the ${limit}-byte limit`, info.size);
  const data = await load();
  if (!data) return attachmentNote(info, 'not stored: the file is no longer available from WhatsApp', info.size ?? 0);
  if (data.length > limit) return attachmentNote(info, `not stored: ${data.length} bytes is over the ${limit}-byte limit`, data.length);
  return { name: info.name, contentType: info.contentType, size: data.length, storageKey: await storage.saveAttachment(data) };
}

export function attachmentNote(info: MediaInfo, note: string, size = info.size ?? 0): InboundAttachment {
  return { name: info.name, contentType: info.contentType, size, note };
}

/** A thrown value as readable text (whatsapp-web.js throws plain strings such as 'auth timeout'). */
export function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}
