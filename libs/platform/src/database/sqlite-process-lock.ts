import Database from 'better-sqlite3';

/** A second server process on a SQLite file another one serves: it must not start (its writes would race the first's). */
export class DatabaseInUseError extends Error {
  constructor(readonly databaseFile: string) {
    super(
      `DATABASE_URL: the SQLite file ${databaseFile} is in use by another Support Inbox process; one process serves a SQLite file. ` +
      'Stop the other process, give this one its own DATABASE_URL, or run several processes on PostgreSQL (see README, Scale-out).',
    );
    this.name = 'DatabaseInUseError';
  }
}

/**
 * One server process per SQLite file: an exclusive SQLite lock on `<db>.lock`, held for the life of the process.
 * The lock is a kernel file lock, so it goes with the process however it ends (kill -9 included); nothing
 * goes stale the way a pid file does.
 */
export class SqliteProcessLock {
  private constructor(private readonly db: Database.Database) {}

  /** Takes the lock for the database file, or throws DatabaseInUseError at once when another process holds it. */
  static acquire(databaseFile: string): SqliteProcessLock {
    const db = new Database(`${databaseFile}.lock`, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      // Never committed: the write lock lives as long as the connection.
      db.exec('BEGIN EXCLUSIVE');
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DatabaseInUseError(databaseFile);
      throw err;
    }
    return new SqliteProcessLock(db);
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
