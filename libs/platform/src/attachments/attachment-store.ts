import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Files received from customers, stored content-addressed under DATA_DIR/attachments, so the same file
 * sent twice is kept once and a key can never point outside the folder.
 */
@Injectable()
export class AttachmentStore {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = join(config.dataDir, 'attachments');
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

  has(key: string): boolean {
    return /^[0-9a-f]{64}$/.test(key) && existsSync(this.pathOf(key));
  }

  /** The whole file, or null when the key is unknown or malformed. */
  async read(key: string): Promise<Buffer | null> {
    if (!/^[0-9a-f]{64}$/.test(key) || !existsSync(this.pathOf(key))) return null;
    return readFile(this.pathOf(key));
  }

  /** A stream of the file, or null when the key is unknown or malformed. */
  open(key: string): Readable | null {
    if (!/^[0-9a-f]{64}$/.test(key)) return null;
    const path = this.pathOf(key);
    return existsSync(path) ? createReadStream(path) : null;
  }

  private pathOf(key: string): string {
    return join(this.root, key.slice(0, 2), key);
  }
}
