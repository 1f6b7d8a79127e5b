export * from './app-config';
export * from './config-error';
export * from './config-reader';
export * from './load-config';
export * from './parse-byte-size.util';
export * from './config-schema';
