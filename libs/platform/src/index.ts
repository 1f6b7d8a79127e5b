export * from './clock/clock';
export * from './config';
export * from './database';
export * from './metrics/metrics.service';
export * from './metrics/metrics.controller';
export * from './platform.module';
