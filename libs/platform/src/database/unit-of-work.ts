import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a function in one database transaction.
 *
 * TypeORM's better-sqlite3 driver shares a single query runner, so two transactions interleaving across
 * `await`s would nest into each other. SQLite has one writer anyway, so on SQLite transactions are queued
 * here and run one after another; PostgreSQL runs them concurrently.
 */
@Injectable()
export class UnitOfWork {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;

  constructor(readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.dataSource.transaction(work);
    const next = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = next.catch(() => undefined);
    return next;
  }
}
