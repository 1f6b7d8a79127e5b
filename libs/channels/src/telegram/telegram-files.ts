import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Telegram } from 'telegraf';
import type { InboundAttachment } from '../channel-adapter';
import { AttachmentSink, overLimitNote } from '../shared/keep-attachment';
import { redactToken, telegramFailureOf } from './telegram-errors';
import type { TelegramFileRef } from './telegram-update.mapper';

/**
 * Fetches a file a customer sent (getFile, then the download link) and keeps it. A file over the size limit
 * is not downloaded: the attachment is kept with a note instead, so the message itself is never lost.
 * Network failures throw, so the update is tried again before it is acknowledged.
 */
export async function fetchAttachment(telegram: Telegram, ref: TelegramFileRef, sink: AttachmentSink, signal: AbortSignal): Promise<InboundAttachment> {
  const max = sink.maxAttachmentBytes;
  const tooLarge = (size?: number): InboundAttachment => ({ name: ref.name, contentType: ref.contentType, size: size ?? 0, note: overLimitNote(size, max) });
  if (ref.size !== undefined && ref.size > max) return tooLarge(ref.size);

  let file;
  try {
    file = await telegram.getFile(ref.fileId);
  } catch (err) {
    // The cloud Bot API serves files up to 20 MB; beyond that getFile answers 400 "file is too big".
    const failure = telegramFailureOf(err);
    if (failure.code === 400 && /too big/i.test(failure.description)) return tooLarge(ref.size);
    throw err;
  }
  if (file.file_size !== undefined && file.file_size > max) return tooLarge(file.file_size);
  const link = await telegram.getFileLink(file);

  const data = link.protocol === 'file:' ? await readLocal(link, max) : await download(link, max, signal);
  if (!Buffer.isBuffer(data)) return tooLarge(data.tooLarge);
  return { name: ref.name, contentType: ref.contentType, size: data.length, storageKey: await sink.saveAttachment(data) };
}

/** A local Bot API server (--local) answers with an absolute path on this machine. */
async function readLocal(link: URL, max: number): Promise<Buffer | TooLarge> {
  const path = fileURLToPath(link);
  const { size } = await stat(path);
  if (size > max) return { tooLarge: size };
  return readFile(path);
}

async function download(link: URL, max: number, signal: AbortSignal): Promise<Buffer | TooLarge> {
  let response: Response;
  try {
    response = await fetch(link, { signal });
  } catch (err) {
    throw new Error(`file download failed: ${redactToken((err as Error).message)}`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`file download failed: HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await response.body.cancel();
    return { tooLarge: declared };
  }
  // Count while reading: a missing or wrong Content-Length must not let a huge file into memory.
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.length;
    if (total > max) return { tooLarge: undefined }; // leaving the loop cancels the download
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** The size of a file not downloaded, when it is known. */
interface TooLarge {
  tooLarge: number | undefined;
}
