import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseTarget } from './database-options';
import { SqliteProcessLock } from './sqlite-process-lock';

/** A data source that gives up the process's hold on its SQLite file when it is destroyed (a restart in one process). */
class HeldDataSource extends DataSource {
  constructor(options: DataSourceOptions, private readonly lock: SqliteProcessLock | null) {
    super(options);
  }

  override async destroy(): Promise<void> {
    try {
      await super.destroy();
    } finally {
      this.lock?.release();
    }
  }
}

/**
 * Opens the database and brings its schema up to date. A server (`holdFile`) on SQLite first takes the file's
 * process lock, so a second server on the same file stops before touching it. On PostgreSQL the migrations run
 * under a session advisory lock keyed by the schema: processes starting together on an empty schema migrate it
 * once, one after another, and the later ones find nothing left to do.
 */
export async function openDatabase(target: DatabaseTarget, options: DataSourceOptions, { holdFile }: { holdFile: boolean }): Promise<DataSource> {
  const lock = holdFile && target.kind === 'sqlite' && target.location !== ':memory:' ? SqliteProcessLock.acquire(target.location) : null;
  const dataSource = new HeldDataSource({ ...options, migrationsRun: false }, lock);
  try {
    await dataSource.initialize();
    await migrateOnce(dataSource, target);
    return dataSource;
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    else lock?.release();
    throw err;
  }
}

async function migrateOnce(dataSource: DataSource, target: DatabaseTarget): Promise<void> {
  if (target.kind !== 'postgres') {
    await dataSource.runMigrations();
    return;
  }
  const session = dataSource.createQueryRunner();
  await session.connect();
  const key = `support-inbox:migrations:${target.schema ?? 'public'}`;
  try {
    await session.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    await dataSource.runMigrations();
  } finally {
    await session.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    await session.release();
  }
}
