import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const keys = new Map<string, Buffer>();

/**
 * The key that signs choice links, kept in DATA_DIR (one volume shared by every process of a cluster): made by the
 * first process that needs it (an exclusive create, so two processes never end up with different keys).
 */
export function choiceLinkKey(dataDir: string): Buffer {
  const known = keys.get(dataDir);
  if (known) return known;
  const file = join(dataDir, 'choice-links.key');
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  keys.set(dataDir, key);
  return key;
}
