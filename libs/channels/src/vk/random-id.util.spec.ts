import { randomIdOf } from './random-id.util';

describe('randomIdOf', () => {
  it('is stable for one part of one message and differs between parts, messages and channels', () => {
    const id = randomIdOf('vk', 41, 0);
    expect(randomIdOf('vk', 41, 0)).toBe(id);
    expect(new Set([id, randomIdOf('vk', 41, 1), randomIdOf('vk', 42, 0), randomIdOf('vk2', 41, 0)]).size).toBe(4);
  });

  it('stays a positive signed 32-bit number', () => {
    for (let m = 1; m < 500; m++) {
      const id = randomIdOf('vk', m * 7919, m % 3);
      expect(Number.isInteger(id) && id > 0 && id <= 2 ** 31 - 1).toBe(true);
    }
  });
});
