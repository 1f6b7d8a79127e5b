import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSourceOptions } from 'typeorm';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** SQLite file path (or :memory:), or the PostgreSQL URL. */
  location: string;
  /** PostgreSQL schema, from `?schema=` on the URL (tests use a throwaway one). */
  schema?: string;
}

/** Parses DATABASE_URL: `sqlite:data/inbox.sqlite`, `sqlite::memory:` or `postgres://user@host:5432/db?schema=x`. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { kind: 'sqlite', location: file === ':memory:' ? file : resolve(cwd, file) };
  }
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  return { kind: 'postgres', location: parsed.toString(), schema };
}

export interface DataSourceParts {
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  /** SQLite's `synchronous`: NORMAL (default) loses the last commits on power loss, never on a process crash; FULL loses none. */
  sqliteSynchronous?: 'NORMAL' | 'FULL';
}

/** Builds TypeORM options; migrations run at start through `openDatabase` (under a lock), schema sync never does. */
export function buildDataSourceOptions(target: DatabaseTarget, parts: DataSourceParts): DataSourceOptions {
  const common = { entities: parts.entities, migrations: parts.migrations, migrationsRun: false, synchronize: false, logging: false } as const;
  if (target.kind === 'sqlite') {
    if (target.location !== ':memory:') mkdirSync(dirname(target.location), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: target.location,
      // WAL lets readers run beside the single writer; NORMAL sync survives a process crash and is much faster than FULL,
      // which a host that may lose power can choose (SQLITE_SYNCHRONOUS=FULL).
      prepareDatabase: (db: { pragma(sql: string): unknown; function(name: string, opts: object, fn: (v: unknown) => unknown): void }) => {
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${parts.sqliteSynchronous ?? 'NORMAL'}`);
        db.pragma('busy_timeout = 5000');
        // A 32 MB page cache keeps the hot conversations' pages between transactions, so a commit writes them once.
        db.pragma('cache_size = -32768');
        db.pragma('wal_autocheckpoint = 10000');
        // Fresh statistics let the planner pick the per-channel and per-assignee queue indexes (SQLite's advice for every open).
        db.pragma('analysis_limit = 1000');
        db.pragma('optimize = 0x10002');
        db.pragma('foreign_keys = ON');
        // SQLite's LOWER folds only ASCII; search must fold Cyrillic the way PostgreSQL does.
        db.function('lower', { deterministic: true }, (v) => (v === null || v === undefined ? null : String(v).toLowerCase()));
      },
    };
  }
  // search_path too, so raw SQL (subqueries, reports) finds the tables of a non-default schema.
  const options = target.schema ? { options: `-c search_path=${target.schema}` } : {};
  return { ...common, type: 'postgres', url: target.location, schema: target.schema, extra: { max: 10, ...options } };
}
