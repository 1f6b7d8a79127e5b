import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isDatabaseBusy } from './database-busy.util';
import { BetterSqliteDatabase, EntityManagerRunner, SqliteRunner, SqlRunner } from './sql-runner';

/** "database is locked" (another connection holds SQLite's write lock past busy_timeout) is tried again this often. */
const BUSY_RETRIES = 5;
const BUSY_BACKOFF_MS = 100;

/**
 * Runs a function in one database transaction.
 *
 * TypeORM's better-sqlite3 driver shares a single query runner, so two transactions interleaving across
 * `await`s would nest into each other. SQLite has one writer anyway, so on SQLite transactions are queued
 * here and run one after another; PostgreSQL runs them concurrently. A transaction refused with "database is
 * locked" is rolled back and run again: it never reaches the caller as a failure of its own work.
 */
@Injectable()
export class UnitOfWork {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;
  /** How many transactions may usefully run at once: one on SQLite (one writer), several on PostgreSQL. */
  readonly parallelism: number;

  constructor(readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'better-sqlite3';
    this.parallelism = this.serialise ? 1 : 2;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.dataSource.transaction(work);
    return this.enqueue(() => retryWhileBusy(() => this.dataSource.transaction(work)));
  }

  /**
   * One transaction over plain SQL: on SQLite straight through better-sqlite3 (the hot path), on
   * PostgreSQL through TypeORM. The work must not wait on anything but its statements.
   */
  runSql<T>(work: (sql: SqlRunner) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.dataSource.transaction((m) => work(new EntityManagerRunner(m)));
    return this.enqueue(() => retryWhileBusy(async () => {
      const db = (this.dataSource.driver as unknown as { databaseConnection: BetterSqliteDatabase }).databaseConnection;
      db.prepare('BEGIN IMMEDIATE').run();
      try {
        const result = await work(new SqliteRunner(db));
        db.prepare('COMMIT').run();
        return result;
      } catch (err) {
        if (db.inTransaction) db.prepare('ROLLBACK').run();
        throw err;
      }
    }));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

async function retryWhileBusy<T>(task: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (err) {
      if (!isDatabaseBusy(err) || attempt >= BUSY_RETRIES) throw err;
      await new Promise((r) => setTimeout(r, BUSY_BACKOFF_MS * attempt));
    }
  }
}
