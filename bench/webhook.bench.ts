import Redis from 'ioredis';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FakeBotApi } from '../test/support/fake-bot-api';
import { load, LoadResult } from './http-load';
import { BENCH_TOKEN, SERVER_NODE_FLAGS, startServerProcess } from './server-process';
import { updateBodies } from './telegram-updates';

const BOT_TOKEN = '777000:BENCH-webhook-token';
const SECRET = 'bench-webhook-secret-0123456789';

export interface WebhookFigures {
  updates: number;
  webhook: LoadResult;
  floor: LoadResult;
  /** The same load against a bare node:http + better-sqlite3 server (SQLite only). */
  bare?: LoadResult;
}

const HEADERS = { 'x-telegram-bot-api-secret-token': SECRET };
/**
 * Updates posted before the measured ones and left out of the figures, on every server alike: a fresh process
 * answers its first thousands of requests while its code is still being compiled (in one run the first tenth of
 * the updates had a p99 of 74 ms against 38–42 ms for the rest, and the bare server's first tenth 72 ms against 18–25).
 */
const WARMUP = 2_000;

/**
 * `updates` Telegram updates from `users` customers posted to `url` by 32 connections; the figures are theirs. The
 * warm-up's updates come from other customers, so the measured ones still open their conversations.
 */
function postUpdates(url: string | string[], updates: number, users: number): Promise<LoadResult> {
  const post = (bodies: string[]) => () => load({ url, total: bodies.length, concurrency: 32, request: (i) => ({ method: 'POST', path: '/webhooks/telegram/tg', headers: HEADERS, body: bodies[i] }) });
  return warmedUp(post(updateBodies(WARMUP, users, { update: updates, user: 900_000 })), post(updateBodies(updates, users)));
}

/** The trivial authenticated route beside the webhook, warmed up the same way (a tenth of its requests first). */
function getMe(url: string | string[], total = 3000): Promise<LoadResult> {
  const get = (n: number) => () => load({ url, total: n, concurrency: 32, request: () => ({ path: '/api/me', headers: { authorization: `Bearer ${BENCH_TOKEN}` } }) });
  return warmedUp(get(total / 10), get(total));
}

/** The measured load's figures after the warm-up's, a failure in either counted. */
async function warmedUp(warmup: () => Promise<LoadResult>, measure: () => Promise<LoadResult>): Promise<LoadResult> {
  const { errors } = await warmup();
  const measured = await measure();
  return { ...measured, errors: measured.errors + errors };
}

/** The webhook path's floor: the same updates posted to a bare server that only parses and inserts them. */
export async function bareWebhookBench(sqliteFile: string, updates = 20_000, users = 2_000): Promise<LoadResult> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '-r', 'ts-node/register/transpile-only', join(__dirname, 'bare-webhook-server.ts'), sqliteFile, SECRET], {
    cwd: resolve(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((ok, fail) => {
      child.stdout!.on('data', (d) => {
        const m = /listening on (http:\/\/localhost:\d+)/.exec(String(d));
        if (m) ok(m[1].replace('localhost', '127.0.0.1'));
      });
      child.once('exit', (code) => fail(new Error(`the bare webhook server exited with ${code}`)));
    });
    const result = await postUpdates(url, updates, users);
    if (result.errors) throw new Error(`bare webhook bench: ${result.errors} requests failed`);
    return result;
  } finally {
    child.kill('SIGKILL');
  }
}

/**
 * Inbound over HTTP: Telegram updates posted to the real webhook route (secret checked, stored before the
 * 200) by a loopback load generator, beside a trivial authenticated route of the same server. A loopback
 * fake Bot API answers the bot's getMe at start; no update touches it.
 */
export async function webhookBench(databaseUrl: string, updates = 20_000, users = 2_000): Promise<WebhookFigures> {
  const botApi = await FakeBotApi.start();
  botApi.addBot(BOT_TOKEN, 'bench_bot');
  const server = await startServerProcess(databaseUrl, webhookConfig(botApi), { INBOX_ROLE: 'all' });
  try {
    const webhook = await postUpdates(server.url, updates, users);
    const floor = await getMe(server.url);
    if (webhook.errors || floor.errors) throw new Error(`webhook bench: ${webhook.errors} webhook and ${floor.errors} floor requests failed`);
    return { updates, webhook, floor };
  } finally {
    await server.stop();
    await botApi.close();
  }
}

/**
 * The same webhook load on a cluster (PostgreSQL and Redis): `apis` API processes take the requests in turn
 * beside one worker, as behind a round-robin load balancer; the floor is `GET /api/me` spread the same way.
 */
export async function clusterWebhookBench(databaseUrl: string, redisUrl: string, apis: number, updates = 20_000, users = 2_000): Promise<WebhookFigures> {
  const botApi = await FakeBotApi.start();
  botApi.addBot(BOT_TOKEN, 'bench_bot');
  const prefix = `bench-${randomBytes(4).toString('hex')}:`;
  const dataDir = mkdtempSync(join(tmpdir(), 'inbox-bench-cluster-'));
  const env = (role: string) => ({ INBOX_ROLE: role, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, DATA_DIR: dataDir });
  const config = webhookConfig(botApi);
  // The worker first: it migrates the empty schema, the API processes find it done.
  const processes = [await startServerProcess(databaseUrl, config, env('worker'))];
  try {
    for (let i = 0; i < apis; i++) processes.push(await startServerProcess(databaseUrl, config, env('api')));
    const urls = processes.slice(1).map((p) => p.url);
    const webhook = await postUpdates(urls, updates, users);
    const floor = await getMe(urls);
    if (webhook.errors || floor.errors) throw new Error(`cluster webhook bench: ${webhook.errors} webhook and ${floor.errors} floor requests failed`);
    return { updates, webhook, floor };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await botApi.close();
    rmSync(dataDir, { recursive: true, force: true });
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
}

function webhookConfig(botApi: FakeBotApi): string {
  return `channels:
  - id: tg
    type: telegram
    mode: webhook
    token: "${BOT_TOKEN}"
    webhookSecret: "${SECRET}"
    apiRoot: ${botApi.url}
policies:
  telegram:
    highLoadNotice: off
`;
}
