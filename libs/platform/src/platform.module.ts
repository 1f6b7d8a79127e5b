import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSourceOptions } from 'typeorm';
import { AttachmentStore } from './attachments/attachment-store';
import { Clock } from './clock/clock';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { buildDataSourceOptions, parseDatabaseUrl } from './database/database-options';
import { migrations } from './database/migrations';
import { SqliteMaintenance } from './database/sqlite-maintenance';
import { UnitOfWork } from './database/unit-of-work';
import { loggerOptions } from './logging/logger-options';
import { MetricsService } from './metrics/metrics.service';
import { RedisConnections } from './redis/redis-connections';

/** Config, database, logging, clock and metrics: plumbing with no business rules. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, entities: NonNullable<DataSourceOptions['entities']>): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot(buildDataSourceOptions(parseDatabaseUrl(config.databaseUrl), { entities, migrations, sqliteSynchronous: config.sqliteSynchronous })),
        // A failing check is answered (503) and the channel logs its own failure; a log line per load-balancer poll would flood.
        TerminusModule.forRoot({ logger: false }),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }, AttachmentStore, Clock, UnitOfWork, MetricsService, SqliteMaintenance, RedisConnections],
      exports: [APP_CONFIG, AttachmentStore, Clock, UnitOfWork, MetricsService, RedisConnections, TerminusModule],
    };
  }
}
