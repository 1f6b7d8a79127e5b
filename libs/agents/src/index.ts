export * from './agent-presence';
export * from './agent.entity';
export * from './agents.module';
export * from './agents.service';
export * from './api-token.entity';
export * from './api-token.util';
export * from './principal';
export * from './roles.decorator';
