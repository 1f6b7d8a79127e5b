import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSourceOptions, QueryFailedError } from 'typeorm';
import { AttachmentStore } from './attachments/attachment-store';
import { Clock } from './clock/clock';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { buildDataSourceOptions, parseDatabaseUrl } from './database/database-options';
import { migrations } from './database/migrations';
import { openDatabase } from './database/open-database';
import { DatabaseInUseError } from './database/sqlite-process-lock';
import { SqliteCheckpointer } from './database/sqlite-checkpointer';
import { SqliteMaintenance } from './database/sqlite-maintenance';
import { UnitOfWork } from './database/unit-of-work';
import { loggerOptions } from './logging/logger-options';
import { MetricsService } from './metrics/metrics.service';
import { ProcessIdentity } from './process/process-identity';
import { RedisConnections } from './redis/redis-connections';
import { EventTransport, InProcessEventTransport, RedisEventTransport } from './events/event-transport';
import { InProcessLeases, Leases, PostgresLeases } from './leases/leases';
import { BullJobQueues, InProcessJobQueues, JobQueues } from './jobs/job-queues';

/** Config, database, logging, clock and metrics: plumbing with no business rules. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, entities: NonNullable<DataSourceOptions['entities']>): DynamicModule {
    const target = parseDatabaseUrl(config.databaseUrl);
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...buildDataSourceOptions(target, { entities, migrations, sqliteSynchronous: config.sqliteSynchronous }),
            // Only an unreachable database is waited out; a second process on a SQLite file or a failed statement is final.
            toRetry: (err: unknown) => !(err instanceof DatabaseInUseError) && !(err instanceof QueryFailedError),
          }),
          dataSourceFactory: (options) => openDatabase(target, options!, { holdFile: true }),
        }),
        // A failing check is answered (503) and the channel logs its own failure; a log line per load-balancer poll would flood.
        TerminusModule.forRoot({ logger: false }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config }, AttachmentStore, Clock, UnitOfWork, MetricsService, SqliteMaintenance, SqliteCheckpointer, RedisConnections, ProcessIdentity,
        // The runtime seams: in-process without REDIS_URL, cluster-wide with it.
        { provide: EventTransport, useClass: config.redis ? RedisEventTransport : InProcessEventTransport },
        { provide: Leases, useClass: config.redis ? PostgresLeases : InProcessLeases },
        { provide: JobQueues, useClass: config.redis ? BullJobQueues : InProcessJobQueues },
      ],
      exports: [APP_CONFIG, AttachmentStore, Clock, UnitOfWork, MetricsService, RedisConnections, ProcessIdentity, TerminusModule, EventTransport, Leases, JobQueues],
    };
  }
}
