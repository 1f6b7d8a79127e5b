import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseInUseError, SqliteProcessLock } from './sqlite-process-lock';

describe('SqliteProcessLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'inbox-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder of the same file at once, naming the file and DATABASE_URL, until the first lets go', () => {
    const file = join(dir, 'inbox.sqlite');
    const first = SqliteProcessLock.acquire(file);
    const started = Date.now();
    let refusal: unknown = null;
    try {
      SqliteProcessLock.acquire(file).release();
    } catch (err) {
      refusal = err;
    }
    expect(Date.now() - started).toBeLessThan(1000); // no waiting on a busy timeout
    expect(refusal).toBeInstanceOf(DatabaseInUseError);
    expect((refusal as Error).message).toMatch(new RegExp(`^DATABASE_URL: the SQLite file ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is in use by another Support Inbox process`));

    first.release();
    const next = SqliteProcessLock.acquire(file);
    next.release();
  });

  it('holds each file on its own', () => {
    const a = SqliteProcessLock.acquire(join(dir, 'a.sqlite'));
    let b: SqliteProcessLock | null = null;
    expect(() => (b = SqliteProcessLock.acquire(join(dir, 'b.sqlite')))).not.toThrow();
    a.release();
    b!.release();
  });
});
