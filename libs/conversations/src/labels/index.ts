export * from './label.entity';
export * from './labels.service';
