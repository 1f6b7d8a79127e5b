import type { ChannelContext, InboundAttachment } from '../channel-adapter';

/** Where an adapter keeps a customer's file, and how large one may be. */
export type AttachmentSink = Pick<ChannelContext, 'saveAttachment' | 'maxAttachmentBytes'>;

export interface MediaInfo {
  name: string;
  contentType: string;
  /** Size announced before download, when the peer tells it. */
  size?: number | null;
}

/**
 * Keeps a received file within the size limit. A file over the limit (announced or actual), or one the peer no
 * longer has, is recorded with a note instead, so agents see that something was sent. Errors of `load` propagate.
 */
export async function keepAttachment(sink: AttachmentSink, info: MediaInfo, load: () => Promise<Buffer | null>): Promise<InboundAttachment> {
  const limit = sink.maxAttachmentBytes;
  if (info.size && info.size > limit) return attachmentNote(info, overLimitNote(info.size, limit), info.size);
  const data = await load();
  if (!data) return attachmentNote(info, 'not stored: the file is no longer available from the channel', info.size ?? 0);
  if (data.length > limit) return attachmentNote(info, overLimitNote(data.length, limit), data.length);
  return { name: info.name, contentType: info.contentType, size: data.length, storageKey: await sink.saveAttachment(data) };
}

export function attachmentNote(info: MediaInfo, note: string, size = info.size ?? 0): InboundAttachment {
  return { name: info.name, contentType: info.contentType, size, note };
}

/** The one wording of every channel for a file over the limit; `size` undefined when the peer did not say. */
export function overLimitNote(size: number | undefined, max: number): string {
  const what = size !== undefined && size > max ? formatBytes(size) : 'it';
  return `not stored: ${what} is over the ${formatBytes(max)} limit`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
