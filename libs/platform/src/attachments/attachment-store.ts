import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const KEY = /^[0-9a-f]{64}$/;

/** An upload written to disk and hashed, not yet kept: commit() keeps it under its key, discard() drops it. */
export interface ReceivedUpload {
  key: string;
  size: number;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Files, content-addressed by SHA-256 so the same file sent twice is kept once and a key can never point
 * outside the folder. Files from customers and files attached to replies live under DATA_DIR/attachments;
 * agents' uploads wait under DATA_DIR/uploads until a reply attaches them (claim), and are removed after a
 * day if none does (removeUnclaimedUploads).
 */
@Injectable()
export class AttachmentStore {
  private readonly root: string;
  private readonly uploads: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = join(config.dataDir, 'attachments');
    this.uploads = join(config.dataDir, 'uploads');
  }

  /** Writes the bytes (atomically) and returns their key. */
  async save(data: Buffer): Promise<string> {
    const key = createHash('sha256').update(data).digest('hex');
    const path = this.pathOf(key);
    if (!existsSync(path)) {
      await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, path);
    }
    return key;
  }

  /** Streams an agent's upload to disk, hashing as it goes, so no upload is ever held in memory whole. */
  async receive(source: Readable): Promise<ReceivedUpload> {
    await mkdir(this.uploads, { recursive: true });
    const tmp = join(this.uploads, `.${process.pid}-${randomUUID()}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmp));
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    const key = hash.digest('hex');
    return {
      key,
      size,
      commit: async () => {
        // A re-upload of a kept file renews its day; the rename replaces an older copy atomically.
        await rename(tmp, join(this.uploads, key));
      },
      discard: () => rm(tmp, { force: true }),
    };
  }

  /**
   * Keeps an upload for good because a message now refers to it (moved into the attachments); returns its size,
   * or null when no upload or kept file has this key.
   */
  async claim(key: string): Promise<number | null> {
    if (!KEY.test(key)) return null;
    const kept = this.pathOf(key);
    const upload = join(this.uploads, key);
    if (existsSync(upload)) {
      await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
      await rename(upload, kept).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err; // another process claimed (or swept) it at the same moment
      });
    }
    return existsSync(kept) ? (await stat(kept)).size : null;
  }

  /**
   * Removes uploads no message claimed within `maxAgeMs`. Idempotent, and safe with several processes on one
   * DATA_DIR: each removal is one unlink, a file already gone is skipped. Returns how many this call removed.
   */
  async removeUnclaimedUploads(maxAgeMs: number, now = Date.now()): Promise<number> {
    if (!existsSync(this.uploads)) return 0;
    let removed = 0;
    for (const name of await readdir(this.uploads)) {
      const path = join(this.uploads, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || now - info.mtimeMs < maxAgeMs) continue;
      const gone = await unlink(path).then(() => true, (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return false; // another process removed it first
        throw err;
      });
      if (gone) removed++;
    }
    return removed;
  }

  has(key: string): boolean {
    return this.locate(key) !== null;
  }

  /** The whole file, or null when the key is unknown or malformed. */
  async read(key: string): Promise<Buffer | null> {
    const path = this.locate(key);
    return path ? readFile(path) : null;
  }

  /** A stream of the file, or null when the key is unknown or malformed. */
  open(key: string): Readable | null {
    const path = this.locate(key);
    return path ? createReadStream(path) : null;
  }

  private locate(key: string): string | null {
    if (!KEY.test(key)) return null;
    return [this.pathOf(key), join(this.uploads, key)].find((p) => existsSync(p)) ?? null;
  }

  private pathOf(key: string): string {
    return join(this.root, key.slice(0, 2), key);
  }
}
