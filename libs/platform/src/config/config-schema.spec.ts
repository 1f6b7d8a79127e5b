import type { ConfigProblems } from '@app/platform/config';
import { field, settingsObject, settingsValidator } from './config-schema';

const schema = settingsObject('a test channel', {
  token: field.matching(/^t-\d+$/, 'a token such as t-1'),
  port: field.integer(80, 1, 65535),
  tls: field.boolean(true),
  mode: field.oneOf(['a', 'b'], 'a'),
  root: field.url('an http(s) URL'),
});
const validate = (settings: Record<string, unknown>) => {
  const reader = { problems: [] } as ConfigProblems;
  const value = settingsValidator(schema, { secrets: ['token'] })(settings, 'channels[3]', reader);
  return { value, problems: reader.problems };
};

describe('settings schemas', () => {
  it('reads YAML and env text forms, fills defaults, counts blanks as missing', () => {
    expect(validate({ token: 't-1', port: '8080', tls: 'false', mode: '', root: '' })).toEqual({
      value: { token: 't-1', port: 8080, tls: false, mode: 'a', root: undefined }, problems: [],
    });
  });

  it('names every bad key with what was expected, hiding secrets, and rejects unknown keys', () => {
    expect(validate({ token: 'secret-value', port: 0, tls: 'yes', mode: 'c', root: 'ftp://x', tokn: 1 }).problems).toEqual([
      'channels[3].token: expected a token such as t-1, got "<hidden>"',
      'channels[3].port: expected a whole number from 1 to 65535, got 0',
      'channels[3].tls: expected true or false, got "yes"',
      'channels[3].mode: expected one of a, b, got "c"',
      'channels[3].root: expected an http(s) URL, got "ftp://x"',
      'channels[3].tokn: no such key; a test channel takes token, port, tls, mode, root',
    ]);
    expect(validate({}).problems).toEqual(['channels[3].token: expected a non-empty string, got nothing (the key is missing)']);
  });
});
