import { Global, Module } from '@nestjs/common';
import { AgentPresence } from './agent-presence';
import { AgentsService } from './agents.service';
import { CredentialRevocations } from './credential-revocations';
import { AgentSession } from './agent-session.entity';
import { Agent } from './agent.entity';
import { ApiToken } from './api-token.entity';
import { SessionsService } from './sessions.service';
import { SetupClaim } from './setup-claim.entity';
import { SignInLink } from './sign-in-link.entity';

/** The tables of agents and their credentials. */
export const AGENT_ENTITIES = [Agent, ApiToken, AgentSession, SignInLink, SetupClaim];

@Global()
@Module({ providers: [AgentsService, AgentPresence, SessionsService, CredentialRevocations],
  exports: [AgentsService, AgentPresence, SessionsService, CredentialRevocations] })
export class AgentsModule {}
