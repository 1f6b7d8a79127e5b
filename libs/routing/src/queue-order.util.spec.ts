import { byQueueOrder } from './queue-order.util';

const at = (s: number) => new Date(s * 1000);

describe('byQueueOrder', () => {
  it('puts the earliest deadline first, conversations without one last, then the longest waiting', () => {
    const list = [
      { id: 1, dueAt: null, waitingSince: at(0) },
      { id: 2, dueAt: at(50), waitingSince: at(20) },
      { id: 3, dueAt: at(50), waitingSince: at(10) },
      { id: 4, dueAt: at(40), waitingSince: at(30) },
      { id: 5, dueAt: null, waitingSince: at(0) },
    ];
    expect([...list].sort(byQueueOrder).map((c) => c.id)).toEqual([4, 3, 2, 1, 5]);
  });
});
