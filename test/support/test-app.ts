import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { BUILTIN_CHANNEL_TYPES, ChannelTypeCatalog, ChannelTypeDefinition } from '@app/channels';
import { AppConfig } from '@app/platform/config';
import { AppModule } from '../../apps/inbox/src/app.module';
import { configureApp } from '../../apps/inbox/src/configure-app';
import { loadAppConfig } from '../../apps/inbox/src/load-app-config';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdefghijklmnop';

export const WEBCHAT_ONLY = `
channels:
  - id: webchat
    type: webchat
    name: Web chat
outbox:
  retryBaseMs: 50
  retryMaxMs: 200
  pollMs: 50
`;

export interface TestAppOptions {
  /** YAML of the config file. */
  configYaml?: string;
  /** Reuse a folder (and its SQLite file) from an earlier app: a restart on the same database. */
  dir?: string;
  databaseUrl?: string;
  env?: Record<string, string>;
  customize?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** Listen on this port (a restart that pages already open must find again); a free one when missing. */
  port?: number;
  /** Channel types to register besides (or instead of, by type) the built-in ones: a peer of the test's own. */
  channelTypes?: ChannelTypeDefinition[];
}

export interface TestApp {
  app: INestApplication;
  url: string;
  config: AppConfig;
  dir: string;
  /** Stops the server (and keeps the folder, for restarts). */
  close(): Promise<void>;
  /** Stops the server and removes the folder. */
  destroy(): Promise<void>;
}

/** Starts the real server, as main.ts does, on a throwaway SQLite file (or the given database) and a free port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'inbox-test-'));
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, options.configYaml ?? WEBCHAT_ONLY);
  const channelTypes: ChannelTypeCatalog = BUILTIN_CHANNEL_TYPES.with(...(options.channelTypes ?? []));
  const config = loadAppConfig({
    INBOX_CONFIG: configFile,
    DATABASE_URL: options.databaseUrl ?? `sqlite:${join(dir, 'inbox.sqlite')}`,
    DATA_DIR: join(dir, 'data'),
    INBOX_ADMIN_TOKEN: ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...options.env,
  }, undefined, channelTypes);
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).overrideProvider(ChannelTypeCatalog).useValue(channelTypes);
  if (options.customize) builder = options.customize(builder);
  const moduleRef = await builder.compile();
  const app = configureApp(moduleRef.createNestApplication({ bufferLogs: true }), config);
  await app.listen(options.port ?? 0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  return {
    app, config, dir, close, url: `http://127.0.0.1:${port}`,
    destroy: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Each test's server and the realtime sockets it opened, closed after the test whatever state it left them in. A
 * restart is another `startApp` (with the folder of the one before): the last server started is the one destroyed.
 */
export function appPerTest(): { startApp(options?: TestAppOptions): Promise<TestApp>; sockets: Socket[] } {
  let app: TestApp | null = null;
  const sockets: Socket[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await app?.destroy();
    app = null;
  });
  return { startApp: async (options) => (app = await startTestApp(options)), sockets };
}

/** Uploads a file as an agent attaching it to a reply would; returns what a reply's `attachments` take. */
export async function uploadAttachment(t: TestApp, name: string, contentType: string, data: Buffer) {
  const res = await request(t.url).post('/api/attachments').set('Authorization', `Bearer ${ADMIN_TOKEN}`).attach('file', data, { filename: name, contentType }).expect(201);
  return { storageKey: res.body.storageKey as string, name, contentType };
}

/** Polls until the check passes or the time is up; the last failure is rethrown. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
