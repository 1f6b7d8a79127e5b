export * from './routing-move.entity';
export * from './team.entity';
