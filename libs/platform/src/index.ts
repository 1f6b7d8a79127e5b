export * from './attachments/attachment-store';
export * from './clock/clock';
export * from './config';
export * from './database';
export * from './metrics/metrics.service';
export * from './platform.module';
export * from './redis/redis-connections';
export * from './process/process-identity';
