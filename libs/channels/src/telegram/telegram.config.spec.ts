import type { ConfigProblems } from '@app/platform/config';
import { validateTelegramSettings } from './telegram.config';

function validate(settings: Record<string, unknown>) {
  const reader = { problems: [] } as ConfigProblems;
  const result = validateTelegramSettings(settings, 'channels[1]', reader);
  return { result, problems: reader.problems };
}

describe('validateTelegramSettings', () => {
  it('defaults to polling and normalises the API root', () => {
    const { result, problems } = validate({ token: '123456:ABC-def_1', apiRoot: 'http://127.0.0.1:8081/bots' });
    expect(problems).toEqual([]);
    expect(result).toEqual({ token: '123456:ABC-def_1', mode: 'polling', webhookSecret: undefined, apiRoot: 'http://127.0.0.1:8081/bots/', pollTimeoutSeconds: 30 });
  });

  it('requires a secret in webhook mode', () => {
    const { problems } = validate({ token: '1:a', mode: 'webhook' });
    expect(problems).toEqual(['channels[1].webhookSecret: expected a secret of 1–256 letters, digits, _ or - (required in webhook mode), got nothing (the key is missing)']);
    expect(validate({ token: '1:a', mode: 'webhook', webhookSecret: 's3cr3t_-' }).problems).toEqual([]);
  });

  it('names each bad key without echoing the token or the secret', () => {
    const { problems } = validate({ token: 'not a token', mode: 'push', webhookSecret: 'has spaces', apiRoot: 'ftp://x', pollTimeoutSeconds: 99, webhooksecret: 'typo' });
    expect(problems).toEqual([
      'channels[1].token: expected a bot token such as 123456789:AAH… (from @BotFather), got "<hidden>"',
      'channels[1].mode: expected one of polling, webhook, got "push"',
      'channels[1].webhookSecret: expected 1–256 letters, digits, _ or -, got "<hidden>"',
      'channels[1].apiRoot: expected an http(s) URL of a Bot API server, got "ftp://x"',
      'channels[1].pollTimeoutSeconds: expected a whole number from 0 to 50, got 99',
      'channels[1].webhooksecret: no such key; a telegram channel takes token, mode, webhookSecret, apiRoot, pollTimeoutSeconds',
    ]);
    expect(problems.join('\n')).not.toContain('not a token');
  });

  it('rejects a misspelt key even when everything else is right', () => {
    expect(validate({ tokn: '1:a' }).problems).toEqual([
      'channels[1].token: expected a non-empty string, got nothing (the key is missing)',
      'channels[1].tokn: no such key; a telegram channel takes token, mode, webhookSecret, apiRoot, pollTimeoutSeconds',
    ]);
    // The value under a misspelt key is a secret as often as not: never shown.
    expect(validate({ tokn: '1:a' }).problems.join('\n')).not.toContain('1:a');
  });

  it('needs a token', () => {
    expect(validate({}).problems).toEqual(['channels[1].token: expected a non-empty string, got nothing (the key is missing)']);
  });
});
