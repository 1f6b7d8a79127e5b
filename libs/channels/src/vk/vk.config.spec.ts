import type { ConfigProblems } from '@app/platform/config';
import { validateVkSettings } from './vk.config';

function validate(settings: Record<string, unknown>) {
  const reader = { problems: [] } as ConfigProblems;
  const result = validateVkSettings(settings, 'channels[2]', reader);
  return { result, problems: reader.problems };
}

describe('validateVkSettings', () => {
  it('defaults to long polling against api.vk.com and reads a group id given as text (from ${ENV})', () => {
    const { result, problems } = validate({ token: 'vk1.a.token', groupId: '218000111' });
    expect(problems).toEqual([]);
    expect(result).toEqual({
      token: 'vk1.a.token', groupId: 218000111, mode: 'longpoll', apiBaseUrl: 'https://api.vk.com/method', apiVersion: '5.199', pollWaitSeconds: 25,
    });
  });

  it('takes the callback mode with its confirmation code and secret, and trims a trailing slash of the API URL', () => {
    const { result, problems } = validate({ token: 't', groupId: 7, mode: 'callback', confirmationCode: 'a1b2c3d4', secret: 'S3cret', apiBaseUrl: 'http://127.0.0.1:9/method/' });
    expect(problems).toEqual([]);
    expect(result).toMatchObject({ mode: 'callback', confirmationCode: 'a1b2c3d4', secret: 'S3cret', apiBaseUrl: 'http://127.0.0.1:9/method' });
  });

  it('names what callback mode lacks along with the other problems', () => {
    expect(validate({ groupId: 7, mode: 'callback', secret: 'ok1' }).problems).toEqual([
      'channels[2].token: expected a community access token with the "messages" right (Manage → API usage → Access tokens), got nothing (the key is missing)',
      'channels[2].confirmationCode: expected the string VK asks the server to return (Manage → API usage → Callback API; required in callback mode), got nothing (the key is missing)',
    ]);
  });

  it('requires the confirmation code and the secret in callback mode', () => {
    expect(validate({ token: 't', groupId: 7, mode: 'callback' }).problems).toEqual([
      'channels[2].confirmationCode: expected the string VK asks the server to return (Manage → API usage → Callback API; required in callback mode), got nothing (the key is missing)',
      'channels[2].secret: expected the secret key of the Callback API server, 1–50 letters and digits (required in callback mode), got nothing (the key is missing)',
    ]);
  });

  it('names an unknown key, such as a misspelt one, and every bad value without echoing the secrets', () => {
    const { problems } = validate({ tokn: 'typo', groupId: -5, mode: 'push', secret: 'has spaces!', apiBaseUrl: 'ftp://x', pollWaitSeconds: 120 });
    expect(problems).toEqual([
      'channels[2].token: expected a community access token with the "messages" right (Manage → API usage → Access tokens), got nothing (the key is missing)',
      'channels[2].groupId: expected the community id, a positive whole number (Manage → API usage → Bots Long Poll API shows it), got -5',
      'channels[2].mode: expected one of longpoll, callback, got "push"',
      'channels[2].secret: expected the secret key of the Callback API server, 1–50 letters and digits (required in callback mode), got "<hidden>"',
      'channels[2].apiBaseUrl: expected an http(s) URL of the VK API such as https://api.vk.com/method, got "ftp://x"',
      'channels[2].pollWaitSeconds: expected a whole number of seconds from 1 to 90, got 120',
      'channels[2].tokn: no such key; a vk channel takes token, groupId, mode, confirmationCode, secret, apiBaseUrl, apiVersion, pollWaitSeconds',
    ]);
    expect(problems.join('\n')).not.toContain('has spaces');
  });
});
