import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '@app/platform/config';
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
  const app = configureApp(await NestFactory.create(AppModule.forRoot(config), { rawBody: true, bufferLogs: true, abortOnError: false }), config);
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as { port: number };
  console.log(`Support Inbox (${config.role}) listening on http://localhost:${port} — agents' inbox at /, web chat at /chat, API docs at /api/docs`);
}

bootstrap().catch((err) => {
  if (err instanceof DatabaseInUseError) {
    console.error(`Support Inbox did not start: ${err.message}`);
    process.exit(1);
  }
  console.error(`Support Inbox failed to start: ${err?.stack ?? err}`);
  process.exit(1);
});
