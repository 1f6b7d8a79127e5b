export * from './template-service';
