import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

const HOUR = 3_600_000;

/** Keeps SQLite's planner statistics fresh as the tables grow (PRAGMA optimize hourly, as SQLite advises). */
@Injectable()
export class SqliteMaintenance implements OnModuleInit, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (this.dataSource.options.type !== 'better-sqlite3') return;
    this.timer = setInterval(() => void this.dataSource.query('PRAGMA optimize').catch(() => undefined), HOUR);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
