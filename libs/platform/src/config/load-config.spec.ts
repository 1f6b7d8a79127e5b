import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { field, settingsObject, settingsValidator } from './config-schema';
import { ConfigHooks, loadConfig } from './load-config';

const hooks: ConfigHooks = {
  channelTypes: {
    webchat: (s) => s,
    telegram: settingsValidator(settingsObject('a telegram channel', { token: field.text() })),
  },
};

function withFile(yaml: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'config-spec-'));
  writeFileSync(join(dir, 'c.yaml'), yaml);
  return { INBOX_CONFIG: join(dir, 'c.yaml') };
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, hooks);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads channels, fills ${VAR} from the environment and applies defaults', () => {
    const config = loadConfig({ ...withFile('channels:\n  - id: bot\n    type: telegram\n    token: ${BOT_TOKEN}\n'), BOT_TOKEN: '123:abc' }, hooks);
    expect(config.channels).toEqual([
      { id: 'bot', type: 'telegram', name: 'bot', enabled: true, settings: { token: '123:abc' }, policy: {} },
    ]);
    expect(config).toMatchObject({ port: 3000, role: 'all', databaseUrl: 'sqlite:data/inbox.sqlite', outbox: { maxAttempts: 6, claimLeaseMs: 60_000 } });
  });

  it('reads how often an inbound message may fail before it is set aside (default 5), naming the key when it is wrong', () => {
    expect(loadConfig(withFile('channels: []\n'), hooks).inbound).toEqual({ maxAttempts: 5 });
    expect(loadConfig(withFile('inbound: { maxAttempts: 2 }\n'), hooks).inbound).toEqual({ maxAttempts: 2 });
    expect(problemsOf(withFile('inbound: { maxAttempts: 0 }\n'))).toEqual(['inbound.maxAttempts: expected a whole number from 1 to 100, got 0']);
  });

  it('reads routing: capacity 4 and a 2-minute grace period by default, escalation rules per policy, naming bad keys', () => {
    expect(loadConfig(withFile('channels: []\n'), hooks).routing).toEqual({ defaultCapacity: 4, offlineGraceMs: 120_000, escalation: {} });
    const routing = loadConfig(withFile('routing:\n  defaultCapacity: 3\n  offlineGraceSeconds: 30\n  escalation:\n    webchat: { on: [warning, breach], moveTo: Duty }\n'), hooks).routing;
    expect(routing).toEqual({ defaultCapacity: 3, offlineGraceMs: 30_000, escalation: { webchat: { on: ['warning', 'breach'], notifyLead: true, moveTo: 'Duty' } } });
    expect(problemsOf(withFile('routing:\n  defaultCapacity: 0\n  escalation:\n    email: { on: [late], notifyLeed: true }\n'))).toEqual(expect.arrayContaining([
      'routing.defaultCapacity: expected a whole number from 1 to 100, got 0',
      'routing.escalation.email.on[0]: expected warning or breach, got "late"',
      expect.stringMatching(/^routing\.escalation\.email\.notifyLeed: no such key/),
    ]));
  });

  it('names every bad key and what was expected', () => {
    const problems = problemsOf({
      ...withFile('channels:\n  - id: Bad Id\n    type: fax\n  - id: bot\n    type: telegram\noutbox:\n  maxAttempts: zero\n'),
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      INBOX_ROLE: 'boss',
    });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^PORT: expected a whole number/),
      expect.stringMatching(/^DATABASE_URL: expected sqlite:<file> or postgres/),
      expect.stringMatching(/^INBOX_ROLE: expected one of all, api, worker/),
      expect.stringMatching(/^channels\[0\]\.id: expected lower-case letters/),
      expect.stringMatching(/^channels\[0\]\.type: expected one of webchat, telegram, got "fax"/),
      expect.stringMatching(/^channels\[1\]\.token: expected a non-empty string, got nothing/),
      expect.stringMatching(/^outbox\.maxAttempts: expected a whole number/),
    ]));
  });

  it('reads the HTTP exposure and limits, with safe defaults', () => {
    const defaults = loadConfig(withFile('channels: []\n'), hooks);
    expect(defaults.http).toEqual({ trustProxy: false, metricsToken: undefined, docsPublic: true, frameAncestors: ["'self'"], sessionTtlMs: 14 * 86_400_000 });
    expect(defaults.limits).toMatchObject({ webchatPerVisitor: 30, webchatWindowMs: 60_000, socketsPerAddress: 50 });
    expect(defaults.sqliteSynchronous).toBe('NORMAL');
    const set = loadConfig({
      ...withFile('server:\n  frameAncestors: [https://shop.example.com]\n  sessionTtlDays: 1\nlimits:\n  webchatPerVisitor: 5\n  failedAuthBlockSeconds: 10\n'),
      TRUST_PROXY: 'loopback', METRICS_TOKEN: 'scrape-me', DOCS_PUBLIC: 'false', SQLITE_SYNCHRONOUS: 'FULL',
    }, hooks);
    expect(set.http).toEqual({ trustProxy: ['loopback'], metricsToken: 'scrape-me', docsPublic: false, frameAncestors: ['https://shop.example.com'], sessionTtlMs: 86_400_000 });
    expect(set.limits).toMatchObject({ webchatPerVisitor: 5, failedAuthBlockMs: 10_000 });
    expect(set.sqliteSynchronous).toBe('FULL');
  });

  it('refuses a short admin token, a bad proxy setting and a bad frame ancestor, naming each key', () => {
    expect(problemsOf({
      ...withFile('server:\n  frameAncestors: ["javascript:alert(1)"]\n'),
      INBOX_ADMIN_TOKEN: 'ab', TRUST_PROXY: 'true', SQLITE_SYNCHRONOUS: 'OFF',
    })).toEqual(expect.arrayContaining([
      'INBOX_ADMIN_TOKEN: expected at least 32 characters (e.g. `openssl rand -hex 24`), got 2',
      expect.stringMatching(/^TRUST_PROXY: expected false, a hop count/),
      expect.stringMatching(/^server\.frameAncestors: expected a list of origins/),
      expect.stringMatching(/^SQLITE_SYNCHRONOUS: expected one of NORMAL, FULL/),
    ]));
  });

  it('reports an unset environment variable by the key that uses it', () => {
    expect(problemsOf(withFile('channels:\n  - id: bot\n    type: telegram\n    token: ${NOT_SET_ANYWHERE}\n'))).toEqual(expect.arrayContaining([
      'channels[0].token: environment variable NOT_SET_ANYWHERE is not set',
    ]));
  });

  it('refuses duplicate channel ids, a missing file and broken YAML', () => {
    expect(problemsOf(withFile('channels:\n  - {id: a, type: webchat}\n  - {id: a, type: webchat}\n'))).toEqual([
      'channels[1].id: expected an id no other channel has, got "a"',
    ]);
    expect(problemsOf({ INBOX_CONFIG: '/nonexistent/inbox.yaml' })[0]).toMatch(/^INBOX_CONFIG: expected a readable YAML file/);
    expect(problemsOf(withFile('channels: [\n'))[0]).toMatch(/expected valid YAML/);
  });

  it('runs as a cluster only on PostgreSQL, naming both keys otherwise', () => {
    const file = withFile('channels: []\n');
    expect(problemsOf({ ...file, REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual([expect.stringMatching(/^REDIS_URL, DATABASE_URL: .*postgres/)]);
    expect(problemsOf({ ...file, REDIS_URL: 'localhost', DATABASE_URL: 'postgres://db/x' })).toEqual([expect.stringMatching(/^REDIS_URL: expected redis:\/\//)]);
    const config = loadConfig({ ...file, REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://db/x' }, hooks);
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'inbox:' });
    expect(loadConfig(file, hooks).redis).toBeUndefined();
  });

  it('names an unknown section or key instead of ignoring it, along with every other problem', () => {
    const problems = problemsOf({
      ...withFile('outbx:\n  maxAttempts: 3\nlimits:\n  webchatPerVisiter: 5\nchannels:\n  - id: Bad Id\n    type: telegram\n'),
      PORT: 'http',
    });
    expect(problems).toEqual(expect.arrayContaining([
      'PORT: expected a whole number from 0 to 65535, got "http"',
      expect.stringMatching(/^outbx: no such key; the configuration file takes server, outbox, inbound, attachments, limits, routing, channels, policies$/),
      expect.stringMatching(/^limits\.webchatPerVisiter: no such key; limits takes webchatPerVisitor, /),
      expect.stringMatching(/^channels\[0\]\.id: expected lower-case letters/),
      // The channel's own settings are still checked when its common keys are wrong.
      'channels[0].token: expected a non-empty string, got nothing (the key is missing)',
    ]));
    expect(problems).toHaveLength(5);
    expect(problemsOf(withFile('channels: {id: a}\n'))).toEqual(['channels: expected a list of channels, got {"id":"a"}']);
  });

  it('loads the shipped config/default.yaml', () => {
    const root = join(__dirname, '../../../..');
    const config = loadConfig({ INBOX_CONFIG: join(root, 'config/default.yaml') }, { channelTypes: { webchat: (s) => s, telegram: (s) => s, whatsapp: (s) => s, email: (s) => s, vk: (s) => s } }, root);
    expect(config.outbox.maxAttempts).toBe(6);
    expect(config.attachments.maxBytes).toBe(20 * 1024 * 1024);
  });
});
