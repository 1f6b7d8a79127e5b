export * from './event-codec.util';
export * from './event-transport';
