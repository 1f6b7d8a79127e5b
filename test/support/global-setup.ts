import { execSync } from 'node:child_process';

/**
 * Tests that need PostgreSQL use the machine's server (127.0.0.1:5432, trust auth, database `test`).
 * .ci/run starts it; here we only make a missing server obvious instead of a wall of timeouts.
 */
export default async function globalSetup(): Promise<void> {
  try {
    execSync('pg_isready -h 127.0.0.1 -p 5432', { stdio: 'ignore' });
  } catch {
    console.warn('\nPostgreSQL is not answering on 127.0.0.1:5432; start it (see .ci/run) or the PostgreSQL tests will fail.\n');
  }
}
