import { expectedWaitMs, isHighLoad } from './expected-wait.util';

const target = 5 * 60_000;
const base = { agentsOnline: 2, chatsPerAgent: 3, firstResponseTarget: target, recentMedianFirstResponse: null };

describe('expected wait', () => {
  it('stays within the target while each agent has at most chatsPerAgent unanswered chats', () => {
    const wait = expectedWaitMs({ ...base, unanswered: 6 });
    expect(wait).toBe(target);
    expect(isHighLoad(wait, target)).toBe(false);
  });

  it('grows with the queue per agent online', () => {
    const wait = expectedWaitMs({ ...base, unanswered: 9 });
    expect(wait).toBe(7.5 * 60_000);
    expect(isHighLoad(wait, target)).toBe(true);
  });

  it('counts nobody online as one agent, and takes a slow recent median into account', () => {
    expect(expectedWaitMs({ ...base, agentsOnline: 0, unanswered: 3 })).toBe(target);
    const slow = expectedWaitMs({ ...base, unanswered: 1, recentMedianFirstResponse: 12 * 60_000 });
    expect(slow).toBe(12 * 60_000);
    expect(isHighLoad(slow, target)).toBe(true);
  });
});
