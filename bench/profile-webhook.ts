import { NestFactory } from '@nestjs/core';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../apps/inbox/src/app.module';
import { configureApp } from '../apps/inbox/src/configure-app';
import { loadAppConfig } from '../apps/inbox/src/load-app-config';
import { FakeBotApi } from '../test/support/fake-bot-api';
import { freshDatabase } from './databases';

/**
 * Where a webhook's time goes: the real server in this process (as main.ts builds it), a CPU profile of it
 * while a separate load process posts Telegram updates. `PROFILE=out.cpuprofile npm run bench:profile-webhook -- [updates]`.
 */
async function main() {
  const updates = Number(process.argv[2] ?? 10_000);
  const botApi = await FakeBotApi.start();
  botApi.addBot('777000:BENCH-webhook-token', 'bench_bot');
  const dir = mkdtempSync(join(tmpdir(), 'inbox-profile-'));
  writeFileSync(join(dir, 'config.yaml'), `channels:\n  - id: tg\n    type: telegram\n    mode: webhook\n    token: "777000:BENCH-webhook-token"\n    webhookSecret: "bench-webhook-secret-0123456789"\n    apiRoot: ${botApi.url}\npolicies:\n  telegram:\n    highLoadNotice: off\n`);
  const db = await freshDatabase(join(__dirname, 'work'), 'profile-webhook', process.env.BENCH_DATABASE_URL);
  const config = loadAppConfig({ INBOX_CONFIG: join(dir, 'config.yaml'), DATABASE_URL: db.url, DATA_DIR: join(dir, 'data'), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', PORT: '0' });
  const app = configureApp(await NestFactory.create(AppModule.forRoot(config), { rawBody: true, bufferLogs: true }), config);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const out = await new Promise<string>((ok, fail) => {
    execFile(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(__dirname, 'webhook-load.ts'), url, String(updates)],
      { cwd: join(__dirname, '..') }, (err, stdout) => (err ? fail(err) : ok(stdout)));
  });
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.env.PROFILE ?? '/tmp/webhook.cpuprofile', JSON.stringify(profile));
  console.log(out.trim());
  await app.close();
  await botApi.close();
  await db.drop();
}
main().catch((err) => { console.error(err); process.exit(1); });
