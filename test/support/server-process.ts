import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN_TOKEN, eventually } from './test-app';

const root = resolve(__dirname, '../..');
/** The built server (`npm run build`), started as an operator starts it. */
export const BUILT_SERVER = join(root, 'dist/apps/inbox/src/main.js');

export function requireBuiltServer(): void {
  if (!existsSync(BUILT_SERVER)) throw new Error(`${BUILT_SERVER} is missing: run npm run build first`);
}

/** A fresh folder for a server's files with its config.yaml written, as an operator prepares one; the test removes it. */
export function serverFolder(configYaml: string, prefix = 'inbox-server-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'config.yaml'), configYaml);
  return dir;
}

/**
 * The built server in a process of its own, on the config and SQLite file of `dir` unless `env` says otherwise
 * (DATABASE_URL, INBOX_ROLE, REDIS_URL, …); it can be killed with SIGKILL like a crashing server.
 */
export class ServerProcess {
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output = '';

  constructor(dir: string, env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [BUILT_SERVER], {
      cwd: root,
      env: {
        ...process.env,
        INBOX_CONFIG: join(dir, 'config.yaml'),
        DATABASE_URL: `sqlite:${join(dir, 'inbox.sqlite')}`,
        DATA_DIR: join(dir, 'data'),
        INBOX_ADMIN_TOKEN: ADMIN_TOKEN,
        PORT: '0',
        LOG_LEVEL: 'info', // the start-up lines (where it listens) are info
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The URL it listens on, from its start-up line. */
  async url(timeoutMs = 30_000): Promise<string> {
    return eventually(() => {
      const port = /listening on http:\/\/localhost:(\d+)/.exec(this.output)?.[1];
      if (!port) throw new Error(`not listening yet:\n${this.output}`);
      return `http://127.0.0.1:${port}`;
    }, timeoutMs, 50);
  }

  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Reads the SQLite file as it is on disk (the writer may be running or dead). */
export function query<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  let db: Database.Database;
  try {
    db = new Database(join(dir, 'inbox.sqlite'), { fileMustExist: true });
  } catch {
    return [];
  }
  try {
    return db.prepare(sql).all(...params) as T[];
  } catch {
    return []; // not migrated yet
  } finally {
    db.close();
  }
}
