import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { SERVER_NODE_FLAGS } = require('../scripts/server-node-flags') as { SERVER_NODE_FLAGS: string[] };

export const BENCH_TOKEN = 'bench-admin-token-0123456789abcdef';
const root = resolve(__dirname, '..');

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

/** The real server as its own process (the load generator must not share its event loop). */
export async function startServerProcess(databaseUrl: string, configYaml: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'inbox-bench-'));
  writeFileSync(join(dir, 'config.yaml'), configYaml);
  // The built server, as it runs in production (npm run bench builds it first); the sources only as a fallback.
  const built = join(root, 'dist/apps/inbox/src/main.js');
  const args = existsSync(built) ? [...SERVER_NODE_FLAGS, built] : [...SERVER_NODE_FLAGS, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/inbox/src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, INBOX_CONFIG: join(dir, 'config.yaml'), DATABASE_URL: databaseUrl, DATA_DIR: join(dir, 'data'), INBOX_ADMIN_TOKEN: BENCH_TOKEN, LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (d) => (errors += d));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (m) ok(m[1].replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}: ${errors.slice(-2000)}`)));
  });
  const stat = () => readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return {
    url,
    pid: child.pid!,
    child,
    cpuSeconds: () => (Number(stat()[11]) + Number(stat()[12])) / 100, // utime + stime in clock ticks (100/s)
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024,
    stop: () => new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }),
  };
}
