import { interpolateEnv } from './interpolate-env.util';

describe('interpolateEnv', () => {
  it('fills placeholders at any depth and keeps other values', () => {
    const tree = { a: 'x-${TOKEN}-y', list: [{ b: '${PORT}' }, 3], flag: true };
    expect(interpolateEnv(tree, { TOKEN: 'secret', PORT: '25' })).toEqual({
      a: 'x-secret-y',
      list: [{ b: '25' }, 3],
      flag: true,
    });
  });

  it('uses the default after :- and reports unset variables by path', () => {
    const missing: string[] = [];
    const out = interpolateEnv({ c: { d: '${NOPE}', e: '${ALSO_NOPE:-fallback}' } }, {}, missing);
    expect(out).toEqual({ c: { d: '', e: 'fallback' } });
    expect(missing).toEqual(['c.d: environment variable NOPE is not set']);
  });
});
