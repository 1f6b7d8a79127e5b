import { AgentRole } from './agent.entity';

/** Who is calling: resolved from the bearer token by the API guard. */
export interface Principal {
  agentId: number;
  name: string;
  role: AgentRole;
}
