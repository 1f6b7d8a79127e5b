// Routing: teams and lines, availability and capacity, queues, automatic assignment, overflow, escalation.
export * from './agent-queue.service';
export * from './availability.service';
export * from './entities';
export * from './escalation.service';
export * from './pick-agent.util';
export * from './queue-drainer';
export * from './queue-order.util';
export * from './routing-queries';
export * from './routing.module';
export * from './teams.service';
