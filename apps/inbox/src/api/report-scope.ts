import { Principal } from '@app/agents';

/**
 * Whose figures a caller may read: ops see everyone (and may pick one agent); an agent sees only their own,
 * whatever they ask for. There are no teams yet: when team leads come, their "their teams' agents" rule goes here.
 */
export function reportAgentScope(principal: Principal, requestedAgentId: number | undefined): number | undefined {
  if (principal.role === 'ops') return requestedAgentId;
  return principal.agentId;
}
