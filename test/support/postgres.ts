import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { clearRedisPrefix } from './redis';
import { startTestApp, TestApp, TestAppOptions } from './test-app';

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A throwaway schema in the test database, so parallel runs never see each other's rows. */
export async function createPostgresSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    url: `${POSTGRES_URL}?schema=${schema}`,
    drop: async () => {
      const c = new Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

/**
 * In-process servers of one cluster on a PostgreSQL schema of their own, made before the file's tests; after them the
 * sockets are disconnected, the servers destroyed, the schema dropped and the Redis prefix (when given) cleared.
 */
export function clusterOnPostgres(options: { redisPrefix?: string } = {}): { startApp(options?: TestAppOptions): Promise<TestApp>; sockets: Socket[] } {
  let schema: Awaited<ReturnType<typeof createPostgresSchema>> | undefined;
  const apps: TestApp[] = [];
  const sockets: Socket[] = [];
  beforeAll(async () => {
    schema = await createPostgresSchema();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    for (const app of apps) await app.destroy();
    await schema?.drop();
    if (options.redisPrefix) await clearRedisPrefix(options.redisPrefix);
  }, 60_000);
  return {
    sockets,
    startApp: async (appOptions = {}) => {
      const app = await startTestApp({ ...appOptions, databaseUrl: schema!.url });
      apps.push(app);
      return app;
    },
  };
}
