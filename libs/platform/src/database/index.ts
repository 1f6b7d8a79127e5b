export * from './database-options';
export * from './epoch-ms.transformer';
export * from './unit-of-work';
export { migrations } from './migrations';
export * from './unique-violation.util';
export * from './sql-runner';
export * from './database-busy.util';
export * from './open-database';
export * from './sqlite-process-lock';
