import { secretTokenMatches } from './webhook-secret.util';

describe('secretTokenMatches', () => {
  it('accepts only the exact secret', () => {
    expect(secretTokenMatches('s3cret_-', 's3cret_-')).toBe(true);
    expect(secretTokenMatches(['s3cret_-'], 's3cret_-')).toBe(true);
    expect(secretTokenMatches('s3cret_', 's3cret_-')).toBe(false);
    expect(secretTokenMatches('S3CRET_-', 's3cret_-')).toBe(false);
    expect(secretTokenMatches(undefined, 's3cret_-')).toBe(false);
    expect(secretTokenMatches('', 's3cret_-')).toBe(false);
    expect(secretTokenMatches('anything', undefined)).toBe(false);
  });
});
