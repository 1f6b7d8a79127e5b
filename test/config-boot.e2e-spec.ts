import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');

/** Boots the real entry point (main.ts) with a bad configuration, as ops would. */
function boot(yaml: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'inbox-boot-'));
  writeFileSync(join(dir, 'config.yaml'), yaml);
  try {
    return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/inbox/src/main.ts'], {
      cwd: root,
      env: { ...process.env, INBOX_CONFIG: join(dir, 'config.yaml'), DATABASE_URL: `sqlite:${join(dir, 'x.sqlite')}`, PORT: '0', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('boot with a bad configuration', () => {
  it('exits non-zero and names the bad keys and what was expected', () => {
    const result = boot('channels:\n  - id: webchat\n    type: webchat\n  - id: shop\n    type: carrier-pigeon\noutbox:\n  maxAttempts: -1\n', { PORT: 'http' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('channels[1].type: expected one of webchat');
    expect(result.stderr).toContain('outbox.maxAttempts: expected a whole number from 1 to 100, got -1');
    expect(result.stderr).toContain('PORT: expected a whole number from 0 to 65535, got "http"');
  });

  it('names a misspelt key of a vk channel, the token it then lacks and what callback mode needs', () => {
    const result = boot('channels:\n  - id: vk\n    type: vk\n    tokn: abc\n    groupId: 5\n    mode: callback\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('channels[0].tokn: no such key; a vk channel takes token, groupId, mode');
    expect(result.stderr).toContain('channels[0].token: expected a community access token');
    expect(result.stderr).toContain('channels[0].confirmationCode: expected the string VK asks the server to return');
    expect(result.stderr).toContain('channels[0].secret: expected the secret key of the Callback API server');
  });

  it('refuses an admin token shorter than 32 characters, naming the key', () => {
    const result = boot('channels:\n  - id: webchat\n    type: webchat\n', { INBOX_ADMIN_TOKEN: 'ab' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('INBOX_ADMIN_TOKEN: expected at least 32 characters');
    expect(result.stdout).not.toContain('listening');
  });
});
