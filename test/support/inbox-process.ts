import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** The real entry point in its own process, so it can be killed with SIGKILL like a crashing server. */
export class InboxProcess {
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  output = '';

  constructor(dir: string) {
    this.child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/inbox/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        INBOX_CONFIG: join(dir, 'config.yaml'),
        DATABASE_URL: `sqlite:${join(dir, 'inbox.sqlite')}`,
        DATA_DIR: join(dir, 'data'),
        PORT: '0',
        LOG_LEVEL: 'info', // the start-up lines (where it listens) are info
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    this.exited = new Promise((done) => this.child.once('exit', () => done()));
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
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
