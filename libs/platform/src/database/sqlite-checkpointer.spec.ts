import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SqliteCheckpointer } from './sqlite-checkpointer';

const eventually = async (check: () => void, ms = 5000) => {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
};

describe('SqliteCheckpointer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'checkpointer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies committed WAL pages into the database file from its own thread, while the writer never checkpoints', async () => {
    const file = join(dir, 'inbox.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0'); // the writer alone would leave every page in the log
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const checkpointer = new SqliteCheckpointer({ options: { type: 'better-sqlite3', database: file } } as unknown as DataSource);
    checkpointer.onModuleInit();
    try {
      const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
      db.transaction(() => { for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000)); })();
      const before = statSync(file).size;
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000);
      await eventually(() => expect(statSync(file).size).toBeGreaterThan(before + 2_000_000));
      // Every page in the file; then one more round of the thread, so the checkpoint it was in has recorded its end.
      const pages = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
      await eventually(() => expect(statSync(file).size).toBe(pages));
      await new Promise((r) => setTimeout(r, 400));
      // The log restarts from its beginning at the next write, so it stops growing.
      const walBefore = statSync(`${file}-wal`).size;
      db.transaction(() => { for (let i = 0; i < 2000; i++) insert.run('y'.repeat(1000)); })();
      expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(walBefore);
    } finally {
      await checkpointer.onApplicationShutdown();
      db.close();
    }
  });

  it('does nothing for an in-memory database, and shuts down cleanly', async () => {
    const checkpointer = new SqliteCheckpointer({ options: { type: 'better-sqlite3', database: ':memory:' } } as unknown as DataSource);
    checkpointer.onModuleInit();
    await expect(checkpointer.onApplicationShutdown()).resolves.toBeUndefined();
  });
});
