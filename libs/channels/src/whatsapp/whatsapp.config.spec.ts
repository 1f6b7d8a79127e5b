import type { ConfigProblems } from '@app/platform/config';
import { DEFAULT_GRAPH_API_ROOT, sessionDirOf, validateWhatsappSettings, WhatsappWebSettings } from './whatsapp.config';

function validate(settings: Record<string, unknown>) {
  const reader = { problems: [] } as ConfigProblems;
  const value = validateWhatsappSettings(settings, 'channels[2]', reader);
  return { value, problems: reader.problems };
}

describe('whatsapp settings', () => {
  it('gives a web channel the system Chromium and a session under the data folder by default', () => {
    const { value, problems } = validate({ connection: 'web' });
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ connection: 'web', executablePath: '/usr/bin/chromium' });
    expect(validate({ connection: 'web', executablePath: '' }).value).toMatchObject({ executablePath: '/usr/bin/chromium' });
    expect(sessionDirOf(value as unknown as WhatsappWebSettings, '/data/channels/wa')).toBe('/data/channels/wa/session');
  });

  it('names every missing cloud key', () => {
    const { problems } = validate({ connection: 'cloud', phoneNumberId: '123' });
    expect(problems).toEqual([
      'channels[2].accessToken: expected a non-empty string, got nothing (the key is missing)',
      'channels[2].appSecret: expected a non-empty string, got nothing (the key is missing)',
      'channels[2].verifyToken: expected a non-empty string, got nothing (the key is missing)',
    ]);
  });

  it('defaults the Graph API root and accepts an override without a trailing slash', () => {
    const base = { connection: 'cloud', phoneNumberId: '1', accessToken: 't', appSecret: 's', verifyToken: 'v' };
    expect(validate(base).value.apiRoot).toBe(DEFAULT_GRAPH_API_ROOT);
    expect(validate({ ...base, apiRoot: 'http://127.0.0.1:9999/v23.0/' }).value.apiRoot).toBe('http://127.0.0.1:9999/v23.0');
    expect(validate({ ...base, apiRoot: 'graph.local' }).problems).toEqual([
      'channels[2].apiRoot: expected an http(s) URL such as https://graph.facebook.com/v23.0, got "graph.local"',
    ]);
  });

  it('requires a known connection kind', () => {
    expect(validate({}).problems).toEqual(['channels[2].connection: expected one of web, cloud, got nothing (the key is missing)']);
    expect(validate({ connection: 'sms' }).problems[0]).toBe('channels[2].connection: expected one of web, cloud, got "sms"');
  });
});

describe('whatsapp settings: unknown keys', () => {
  it('names a misspelt key and what the connection takes', () => {
    expect(validate({ connection: 'web', sendIntervallMs: 5 }).problems).toEqual([
      'channels[2].sendIntervallMs: no such key; a whatsapp channel with connection: web takes connection, executablePath, sessionDir, sendIntervalMs, reconnectBaseMs, reconnectMaxMs, initTimeoutMs',
    ]);
  });
});
