import { DataSource } from 'typeorm';
import { migrations } from '@app/platform/database/migrations';
import { createPostgresSchema } from './support/postgres';
import { startTestApp, TestApp } from './support/test-app';

/** Processes started together on an empty PostgreSQL schema: one migrates it, the others wait and find it done. */
describe('migrations on PostgreSQL under an advisory lock', () => {
  let schema: Awaited<ReturnType<typeof createPostgresSchema>>;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    schema = await createPostgresSchema();
  });
  afterAll(async () => {
    for (const app of apps) await app.destroy();
    await schema?.drop();
  });

  it('three processes starting at once on an empty schema migrate it once, without an error', async () => {
    const roles = ['api', 'worker', 'all'];
    const started = await Promise.allSettled(roles.map((role) => startTestApp({ databaseUrl: schema.url, env: { INBOX_ROLE: role } })));
    for (const s of started) if (s.status === 'fulfilled') apps.push(s.value);
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started', 'started']);

    const applied: Array<{ name: string }> = await apps[0].app.get(DataSource).query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((r) => r.name)).toEqual(migrations.map((m) => m.name));
  });
});
