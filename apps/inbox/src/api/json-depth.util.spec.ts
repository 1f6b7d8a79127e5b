import { jsonDepthExceeds } from './json-depth.util';

const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('jsonDepthExceeds', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(jsonDepthExceeds('text', 0)).toBe(false);
    expect(jsonDepthExceeds({ a: 1 }, 1)).toBe(false);
    expect(jsonDepthExceeds({ a: { b: [1] } }, 2)).toBe(true);
    expect(jsonDepthExceeds({ a: { b: [1] } }, 3)).toBe(false);
  });

  it('finds a deep branch beside shallow ones', () => {
    expect(jsonDepthExceeds({ x: 1, y: [2, 3], z: { deep: nested(40) } }, 32)).toBe(true);
  });

  it('walks a document nested 100,000 deep without overflowing the stack', () => {
    expect(jsonDepthExceeds(nested(100_000), 32)).toBe(true);
  });
});
