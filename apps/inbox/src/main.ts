import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigError } from '@app/platform/config';
import { DatabaseInUseError } from '@app/platform/database/sqlite-process-lock';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { loadAppConfig } from './load-app-config';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadAppConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // abortOnError off: a start-up failure reaches the handler below (a clear line and exit code 1, not an abort).
  const app = configureApp(await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true, abortOnError: false }), config);
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as { port: number };
  startupLines(config, port).forEach((line) => Logger.log(line, 'SupportInbox'));
}

/** What ops need after a start: where it answers and how to sign in. */
function startupLines(config: AppConfig, port: number): string[] {
  const base = config.publicUrl ?? `http://localhost:${port}`;
  if (config.role === 'worker') return [`Support Inbox (worker) listening on ${base} — channels, outbox and timers; only /health is served here`];
  return [
    `Support Inbox (${config.role}) listening on ${base} — agents' inbox at /, web chat at /chat${config.http.docsPublic ? ', API docs at /api/docs' : ''}`,
    `Sign in at ${base}/ with your e-mail and password; on a fresh installation that page creates the first (ops) account`
      + (config.adminToken ? ' (the INBOX_ADMIN_TOKEN value is an ops API token as well)' : ''),
  ];
}

bootstrap().catch((err) => {
  if (err instanceof DatabaseInUseError) {
    console.error(`Support Inbox did not start: ${err.message}`);
    process.exit(1);
  }
  console.error(`Support Inbox failed to start: ${err?.stack ?? err}`);
  process.exit(1);
});
