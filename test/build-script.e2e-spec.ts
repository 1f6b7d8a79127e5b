import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// The script `npm start` runs before starting the server (plain JS, so it runs before anything is compiled).
const SCRIPT = resolve(__dirname, '..', 'scripts', 'build.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isStale } = require(SCRIPT) as { isStale: (target: string, root: string) => boolean };

function file(root: string, path: string, at: Date): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), path);
  utimesSync(join(root, path), at, at);
}

describe('npm start builds only when sources changed', () => {
  const hourAgo = new Date(Date.now() - 3600_000);
  const halfHourAgo = new Date(Date.now() - 1800_000);
  let root: string;

  /** A checkout whose last build (started half an hour ago) came after every source was saved. */
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'inbox-build-'));
    file(root, 'apps/inbox/src/main.ts', hourAgo);
    file(root, 'libs/agents/src/agents.service.ts', hourAgo);
    file(root, 'apps/inbox/web/src/main.tsx', hourAgo);
    file(root, 'package.json', hourAgo);
    file(root, 'dist/apps/inbox/src/main.js', halfHourAgo);
    file(root, 'dist/web/index.html', halfHourAgo);
    file(root, 'dist/.build-stamps/server', halfHourAgo);
    file(root, 'dist/.build-stamps/web', halfHourAgo);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('skips the build when nothing changed: the start script runs no compiler and returns at once', () => {
    expect(isStale('server', root)).toBe(false);
    const started = Date.now();
    // In this bare folder a real build would fail (no compiler, no nest-cli.json), so success proves it was skipped.
    const result = spawnSync(process.execPath, [SCRIPT, 'all', '--if-stale'], { env: { ...process.env, INBOX_BUILD_ROOT: root }, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('Build is up to date.');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('sees a changed server or web source, a missing build, and not a changed test', () => {
    file(root, 'libs/agents/src/agents.service.spec.ts', new Date());
    expect(isStale('server', root)).toBe(false);
    file(root, 'apps/inbox/src/main.ts', new Date());
    expect(isStale('server', root)).toBe(true);
    expect(isStale('web', root)).toBe(false);
    file(root, 'libs/agents/src/agents.service.ts', new Date());
    expect(isStale('server', root)).toBe(true);
    file(root, 'apps/inbox/web/src/main.tsx', new Date());
    expect(isStale('web', root)).toBe(true);
    rmSync(join(root, 'dist/.build-stamps/server'));
    file(root, 'libs/agents/src/agents.service.ts', hourAgo);
    expect(isStale('server', root)).toBe(true);
  });

  it('reports stale or fresh with --check', () => {
    const check = () => spawnSync(process.execPath, [SCRIPT, 'all', '--check'], { env: { ...process.env, INBOX_BUILD_ROOT: root }, encoding: 'utf8' }).stdout.trim();
    expect(check()).toBe('fresh');
    file(root, 'apps/inbox/src/main.ts', new Date());
    expect(check()).toBe('stale');
  });
});
