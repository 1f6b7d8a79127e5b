import { Global, Module } from '@nestjs/common';
import { AgentQueue } from './agent-queue.service';
import { AvailabilityService } from './availability.service';
import { EscalationService } from './escalation.service';
import { OverflowTimers } from './overflow-timers';
import { QueueDrainer } from './queue-drainer';
import { RoutingHook } from './routing-hook';
import { RoutingQueries } from './routing-queries';
import { RoutingTriggers } from './routing-triggers';
import { TeamsService } from './teams.service';

const exported = [AgentQueue, AvailabilityService, EscalationService, QueueDrainer, RoutingQueries, TeamsService];

/** Teams and lines, availability, capacity, queues, automatic assignment, overflow and escalation; in every role. */
@Global()
@Module({ providers: [...exported, OverflowTimers, RoutingHook, RoutingTriggers], exports: exported })
export class RoutingModule {}
