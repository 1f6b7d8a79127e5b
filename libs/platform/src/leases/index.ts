export * from './lease-key.util';
export * from './leases';
