import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from './seed';

export interface BenchDatabase {
  url: string;
  /** The SQLite file, when it is one. */
  file?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one measurement: a SQLite file in the work folder, or a schema of its
 * own on the PostgreSQL server named by BENCH_DATABASE_URL.
 */
export async function freshDatabase(workDir: string, name: string, postgresUrl?: string): Promise<BenchDatabase> {
  if (postgresUrl) {
    const schema = `bench_${name.replace(/\W/g, '_')}`;
    const client = new Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const url = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}schema=${schema}`;
    await migrate(url);
    return {
      url,
      drop: async () => {
        const c = new Client({ connectionString: postgresUrl });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const file = join(workDir, `${name}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const url = `sqlite:${file}`;
  await migrate(url);
  const db = new Database(file);
  db.prepare(`INSERT INTO channels (id, type, name, "createdAt") VALUES ('webchat', 'webchat', 'Web chat', ?)`).run(Date.now());
  db.close();
  return { url, file, drop: async () => { for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true }); } };
}
