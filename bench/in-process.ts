import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../apps/inbox/src/app.module';
import { loadAppConfig } from '../apps/inbox/src/load-app-config';

/** The real application context (no HTTP) on the given database, for measuring a use case in-process. */
export async function startContext(databaseUrl: string, configYaml: string, role: 'api' | 'all' = 'api'): Promise<{ app: INestApplicationContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'inbox-bench-'));
  writeFileSync(join(dir, 'config.yaml'), configYaml);
  const config = loadAppConfig({ INBOX_CONFIG: join(dir, 'config.yaml'), DATABASE_URL: databaseUrl, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent', INBOX_ROLE: role });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  return { app, close: async () => { await app.close(); rmSync(dir, { recursive: true, force: true }); } };
}
