import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { capacityScenario, routingConfig } from './support/routing-scenario';
import { createPostgresSchema } from './support/postgres';
import { clearRedisPrefix, clusterEnv, redisPrefix } from './support/redis';
import { requireBuiltServer, serverFolder, ServerProcess } from './support/server-process';

/**
 * The capacity rule with two API processes of the built server on one PostgreSQL schema and Redis: conversations
 * arrive through both, each process drains the queue for what happens on it, and the claims still never give an
 * agent more than its capacity.
 */
describe('routing in a cluster: 2 API processes on PostgreSQL', () => {
  let schema: { url: string; drop: () => Promise<void> };
  let dir: string;
  const prefix = redisPrefix('routing');
  const processes: ServerProcess[] = [];

  beforeAll(async () => {
    requireBuiltServer();
    schema = await createPostgresSchema();
    dir = serverFolder(routingConfig(), 'inbox-routing-cluster-');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await schema?.drop();
    await clearRedisPrefix(prefix);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('3 agents of capacity 3, 20 conversations through both processes: never more than 3 each', async () => {
    const env = { ...clusterEnv('api', prefix), DATABASE_URL: schema.url, LOG_LEVEL: 'info' };
    // The first one migrates; the second starts on the migrated schema.
    processes.push(new ServerProcess(dir, env));
    const first = await processes[0].url(60_000);
    processes.push(new ServerProcess(dir, env));
    const second = await processes[1].url(60_000);
    await capacityScenario([first, second], { strictUrgency: false });

    // And the database agrees: nobody holds more than its capacity (3, and 4 for the one ops raised).
    const db = new Client({ connectionString: schema.url.replace(/\?schema=(\w+)$/, ''), options: `-c search_path=${new URL(schema.url).searchParams.get('schema')}` });
    await db.connect();
    try {
      const rows = (await db.query(`SELECT "assigneeId", count(*)::int AS n FROM conversations WHERE status = 'open' AND "assigneeId" IS NOT NULL GROUP BY "assigneeId"`)).rows;
      expect(rows.map((r) => r.n).sort()).toEqual([3, 3, 4]);
    } finally {
      await db.end();
    }
  }, 120_000);
});
