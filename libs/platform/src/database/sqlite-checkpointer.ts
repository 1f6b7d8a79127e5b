import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';

/** How often the thread copies committed WAL frames into the database file. */
const CHECKPOINT_EVERY_MS = 200;

/**
 * The checkpointer's thread: its own connection to the file, a PASSIVE checkpoint (never waits on the writer or
 * blocks it) every few hundred milliseconds. Plain JavaScript evaluated as the worker's script, so it runs the same
 * from the build and under ts-node; the driver's path comes from the main thread, which resolved it.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err && err.message || err)); }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Keeps SQLite's write-ahead log short from a thread of its own. Without it the checkpoint (copying up to the
 * `wal_autocheckpoint` threshold of pages into the database file, then syncing it) runs inside whichever commit
 * crosses the threshold: a stall of 100–200 ms on the one thread that answers every request, and about half of
 * ingest's commit time. The main connection's automatic checkpoint stays as the backstop should this thread stop.
 */
@Injectable()
export class SqliteCheckpointer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SqliteCheckpointer.name);
  private worker: Worker | null = null;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const { type, database } = this.dataSource.options as { type: string; database?: string };
    if (type !== 'better-sqlite3' || !database || database === ':memory:') return;
    this.worker = new Worker(THREAD, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file: database, everyMs: CHECKPOINT_EVERY_MS } });
    this.worker.unref();
    this.worker.on('message', (error: string) => this.logger.warn(`WAL checkpoint failed: ${error}`));
    this.worker.on('error', (err) => this.logger.error(`WAL checkpoint thread stopped: ${err.message}; commits checkpoint again`));
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    // Its connection closes first, so the main connection, closing last, checkpoints the rest and removes the log.
    let timer: NodeJS.Timeout | undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    // The timer (not unref'd) also keeps the process alive while the unref'd thread closes.
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
    clearTimeout(timer);
    if (worker.threadId >= 0) await worker.terminate();
  }
}
