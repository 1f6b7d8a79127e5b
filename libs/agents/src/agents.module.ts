import { Global, Module } from '@nestjs/common';
import { AgentPresence } from './agent-presence';
import { AgentsService } from './agents.service';

@Global()
@Module({ providers: [AgentsService, AgentPresence], exports: [AgentsService, AgentPresence] })
export class AgentsModule {}
