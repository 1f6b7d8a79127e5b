import { SendThrottle } from './send-throttle';

describe('SendThrottle', () => {
  let now: number;
  let throttle: SendThrottle;
  beforeEach(() => {
    now = 10_000;
    throttle = new SendThrottle({ perChatIntervalMs: 1000, perBotPerSecond: 3 }, () => now);
  });

  it('spaces messages to one chat by the interval, booking ahead for back-to-back calls', () => {
    expect(throttle.reserve('a')).toBe(0);
    expect(throttle.reserve('a')).toBe(1000);
    expect(throttle.reserve('a')).toBe(2000);
    now += 2500;
    expect(throttle.reserve('a')).toBe(500);
  });

  it('lets different chats go at once until the per-bot limit, then waits for the window', () => {
    expect(['a', 'b', 'c'].map((c) => throttle.reserve(c))).toEqual([0, 0, 0]);
    expect(throttle.reserve('d')).toBe(1000);
    expect(throttle.reserve('e')).toBe(1000);
    now += 400;
    expect(throttle.reserve('f')).toBe(600);
    expect(throttle.reserve('g')).toBe(1600);
  });

  it('holds everything after a pause (a 429), then resumes with the usual spacing', () => {
    throttle.reserve('a');
    throttle.pause(3000);
    expect(throttle.reserve('b')).toBe(3000);
    expect(throttle.reserve('a')).toBe(3000);
    expect(throttle.reserve('a')).toBe(4000);
  });
});
