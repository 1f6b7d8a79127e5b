import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { parseDatabaseUrl } from '../database/database-options';
import { LeaseOwner, leaseKeyOf, ownerFromLabel, ownerLabelOf } from './lease-key.util';

/** Held by one process of the installation at a time until released or lost. */
export interface Lease {
  readonly name: string;
  /** Resolves when the lease is gone without `release` (its connection to the database broke): stop what it guarded. */
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

/**
 * Exclusive ownership of long-lived things (a channel's connection), one holder in the installation. In one
 * process every lease is free to take; in a cluster a lease is a PostgreSQL session advisory lock, so it ends
 * the moment its holder's database session does (a `kill -9`ed worker included) and another process takes it.
 */
export abstract class Leases {
  /** How long a process waits before asking again for a lease someone else holds. */
  readonly retryMs: number = 2000;
  /** The lease, or null while another process holds it. */
  abstract tryAcquire(name: string): Promise<Lease | null>;
  /** Who holds the lease now, or null. */
  abstract owner(name: string): Promise<LeaseOwner | null>;
}

export const THIS_PROCESS: LeaseOwner = { host: hostname(), pid: process.pid };

@Injectable()
export class InProcessLeases extends Leases {
  private readonly held = new Set<string>();

  async tryAcquire(name: string): Promise<Lease | null> {
    if (this.held.has(name)) return null;
    this.held.add(name);
    return { name, lost: new Promise<void>(() => undefined), release: async () => void this.held.delete(name) };
  }

  async owner(name: string): Promise<LeaseOwner | null> {
    return this.held.has(name) ? THIS_PROCESS : null;
  }
}

/** How often the lock connection is checked; a broken one drops every lease it held. */
const PING_MS = 2000;

@Injectable()
export class PostgresLeases extends Leases implements OnApplicationShutdown {
  private readonly logger = new Logger('Leases');
  private readonly namespace: number;
  private connection: Promise<Client> | null = null;
  private client: Client | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private readonly held = new Map<string, () => void>();
  private closing = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly db: DataSource) {
    super();
    this.namespace = leaseKeyOf(`${config.redis?.prefix ?? ''}lease`);
  }

  async tryAcquire(name: string): Promise<Lease | null> {
    if (this.closing || this.held.has(name)) return null;
    const client = await this.connect();
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [this.namespace, leaseKeyOf(name)]);
    if (!rows[0]?.ok) return null;
    let markLost!: () => void;
    const lost = new Promise<void>((resolve) => (markLost = resolve));
    this.held.set(name, markLost);
    return {
      name,
      lost,
      release: async () => {
        if (!this.held.delete(name)) return;
        await client.query('SELECT pg_advisory_unlock($1, $2)', [this.namespace, leaseKeyOf(name)]).catch(() => undefined);
      },
    };
  }

  async owner(name: string): Promise<LeaseOwner | null> {
    const rows: Array<{ application_name: string }> = await this.db.query(
      `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = $1::int::oid AND l.objid = $2::int::oid`,
      [this.namespace, leaseKeyOf(name)],
    );
    return ownerFromLabel(rows[0]?.application_name);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    const connection = this.connection;
    this.connection = null;
    // Closing the session releases every lock at once; the other workers take over at their next try.
    if (connection) await connection.then((c) => c.end()).catch(() => undefined);
  }

  /** One dedicated session per process holds all its locks; it is named after the owner for `owner()`. */
  private connect(): Promise<Client> {
    this.connection ??= (async () => {
      const client = new Client({
        connectionString: parseDatabaseUrl(this.config.databaseUrl).location,
        application_name: ownerLabelOf(THIS_PROCESS),
        keepAlive: true,
      });
      client.on('error', (err) => this.drop(client, err.message));
      client.on('end', () => this.drop(client, 'the connection ended'));
      await client.connect();
      this.client = client;
      this.pingTimer ??= setInterval(() => this.ping(), PING_MS);
      return client;
    })().catch((err) => {
      this.connection = null;
      throw err;
    });
    return this.connection;
  }

  private ping(): void {
    const connection = this.connection;
    if (!connection) return;
    connection
      .then((client) => Promise.race([
        client.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer to a ping')), PING_MS).unref()),
      ]).catch((err: Error) => {
        this.drop(client, err.message);
        client.end().catch(() => undefined);
      }))
      .catch(() => undefined);
  }

  /** The session is gone, and with it every lock: everything they guarded must stop. */
  private drop(client: Client, reason: string): void {
    if (client !== this.client) return;
    this.client = null;
    this.connection = null;
    if (this.held.size && !this.closing) this.logger.warn(`lost ${this.held.size} lease(s): ${reason}`);
    for (const markLost of this.held.values()) markLost();
    this.held.clear();
  }
}
