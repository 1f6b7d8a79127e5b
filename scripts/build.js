#!/usr/bin/env node
/*
 * Builds the server and the web inbox, and remembers when: `npm start` (and `npm test` for the web inbox) build
 * only when a source changed since, so a restart answers in seconds instead of waiting for a full build.
 *
 *   node scripts/build.js [all|web]              build (npm run build / build:web)
 *   node scripts/build.js [all|web] --if-stale   build only when a source is newer than the last build
 *   node scripts/build.js [all|web] --check      print "stale" or "fresh"
 *
 * A build is stamped with the time it started, so a file saved during a build makes the next start build again.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { delimiter, join } = require('node:path');

const ROOT = join(__dirname, '..');

/** What each target is built from, what it produces, and how. */
const TARGETS = {
  web: {
    // The web inbox imports a few shared files from libs (types, the inbound text rule).
    sources: ['apps/inbox/web', 'libs', 'package.json', 'package-lock.json'],
    output: 'dist/web/index.html',
    commands: [
      ['tsc', '-p', 'apps/inbox/web/tsconfig.json'],
      ['vite', 'build', '--config', 'apps/inbox/web/vite.config.ts', '--logLevel', 'warn'],
    ],
  },
  server: {
    sources: ['apps', 'libs', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'],
    output: 'dist/apps/inbox/src/main.js',
    commands: [['nest', 'build', 'inbox'], ['nest', 'build', 'inbox-cli']],
  },
};
const GROUPS = { all: ['web', 'server'], web: ['web'] };
// Tests and the web inbox's own build output do not change what is built.
const IGNORED = /(\.spec\.tsx?|\.e2e-spec\.ts)$|(^|[\\/])(node_modules|dist|\.git)$/;

const stampOf = (root, target) => join(root, 'dist', '.build-stamps', target);

/** The newest modification time (ms) under the given paths, skipping tests and build output. */
function newestSourceTime(root, paths) {
  let newest = 0;
  const visit = (path) => {
    if (IGNORED.test(path) || !existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach((p) => visit(join(root, p)));
  return newest;
}

/** True when the target was never built here, its output is gone, or a source changed after its last build began. */
function isStale(target, root = ROOT) {
  const { sources, output } = TARGETS[target];
  const stamp = stampOf(root, target);
  if (!existsSync(stamp) || !existsSync(join(root, output))) return true;
  return newestSourceTime(root, sources) > statSync(stamp).mtimeMs;
}

function build(target, root) {
  const startedAt = new Date();
  const env = { ...process.env, PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter) };
  for (const [command, ...args] of TARGETS[target].commands) {
    const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
    if (result.status !== 0) {
      console.error(`Build failed: ${command} ${args.join(' ')} exited with ${result.status ?? result.signal ?? result.error}`);
      process.exit(result.status || 1);
    }
  }
  mkdirSync(join(root, 'dist', '.build-stamps'), { recursive: true });
  writeFileSync(stampOf(root, target), `${startedAt.toISOString()}\n`);
  utimesSync(stampOf(root, target), startedAt, startedAt);
}

module.exports = { isStale, newestSourceTime, TARGETS };

if (require.main === module) {
  const args = process.argv.slice(2);
  const group = args.find((a) => !a.startsWith('--')) ?? 'all';
  if (!GROUPS[group]) {
    console.error(`Unknown build target "${group}": expected ${Object.keys(GROUPS).join(' or ')}`);
    process.exit(2);
  }
  const root = process.env.INBOX_BUILD_ROOT || ROOT;
  const targets = GROUPS[group];
  if (args.includes('--check')) {
    console.log(targets.some((t) => isStale(t, root)) ? 'stale' : 'fresh');
  } else {
    const ifStale = args.includes('--if-stale');
    for (const target of targets) {
      if (ifStale && !isStale(target, root)) continue;
      if (ifStale) console.log(`Building the ${target === 'web' ? 'web inbox' : 'server'}: its sources changed since the last build…`);
      build(target, root);
    }
    if (ifStale) console.log('Build is up to date.');
  }
}
