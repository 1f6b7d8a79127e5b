export * from './app-config';
export * from './config-error';
export * from './load-config';
export * from './parse-byte-size.util';
export * from './config-schema';
export * from './csat-config';
