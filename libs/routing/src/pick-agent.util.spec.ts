import { pickAgent, RoutingCandidate } from './pick-agent.util';

const agent = (agentId: number, capacity: number, holding: number, lastAssignedAt: number | null = null): RoutingCandidate => ({ agentId, capacity, holding, lastAssignedAt });

describe('pickAgent', () => {
  it('gives the conversation to the member with the most room', () => {
    expect(pickAgent([agent(1, 3, 2), agent(2, 4, 1), agent(3, 3, 1)])).toEqual({ agentId: 2, preferred: false });
  });

  it('breaks a tie of room by who was served least recently, never-served first', () => {
    expect(pickAgent([agent(1, 3, 1, 500), agent(2, 3, 1, 100)])?.agentId).toBe(2);
    expect(pickAgent([agent(1, 3, 1, 500), agent(2, 3, 1, null)])?.agentId).toBe(2);
    expect(pickAgent([agent(2, 3, 1, 100), agent(1, 3, 1, 100)])?.agentId).toBe(1);
  });

  it('gives nothing to a full agent, nor to one ops filled beyond capacity', () => {
    expect(pickAgent([agent(1, 3, 3), agent(2, 3, 5)])).toBeNull();
    expect(pickAgent([agent(1, 3, 3), agent(2, 3, 2)])?.agentId).toBe(2);
  });

  it('prefers the account owner while it has room, else falls back to the team', () => {
    expect(pickAgent([agent(1, 3, 0)], agent(9, 3, 2))).toEqual({ agentId: 9, preferred: true });
    expect(pickAgent([agent(1, 3, 0)], agent(9, 3, 3))).toEqual({ agentId: 1, preferred: false });
  });
});
