import type { Request } from 'express';
import { Readable } from 'node:stream';
import { AttachmentStore } from '@app/platform/attachments/attachment-store';

/** What the upload route receives for the file: where it was kept, not its bytes. */
export interface StoredUpload {
  originalname: string;
  mimetype: string;
  size: number;
  storageKey?: string;
}

type Done = (error: Error | null, info?: Partial<StoredUpload>) => void;

/**
 * A multer storage engine that streams the file into the attachment store. A file cut off at multer's
 * `fileSize` limit is dropped here, and multer answers 413.
 */
export function attachmentStoreEngine(store: AttachmentStore) {
  return {
    _handleFile(_req: Request, file: { stream: Readable & { truncated?: boolean } }, done: Done): void {
      store.receive(file.stream).then(async (upload) => {
        if (file.stream.truncated) {
          await upload.discard();
          return done(null, { size: upload.size });
        }
        await upload.commit();
        done(null, { storageKey: upload.key, size: upload.size });
      }).catch((err: Error) => done(err));
    },
    _removeFile(_req: Request, _file: unknown, done: (error: Error | null) => void): void {
      // Nothing to undo: a kept upload nobody attaches is removed after a day (AttachmentStore.removeUnclaimedUploads).
      done(null);
    },
  };
}
