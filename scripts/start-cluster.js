#!/usr/bin/env node
// npm run start:cluster: the built server as 2 API and 2 worker processes on one machine, to try the cluster
// topology (see README, Scale-out). Needs DATABASE_URL (postgres://) and REDIS_URL; PORT (default 3000) is
// the first API process, the others take the next ports. Ctrl+C stops them all.
'use strict';
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const missing = ['DATABASE_URL', 'REDIS_URL'].filter((key) => !process.env[key]);
if (missing.length) {
  console.error(`start:cluster needs ${missing.join(' and ')}: for example\n`
    + '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/inbox REDIS_URL=redis://127.0.0.1:6379 npm run start:cluster');
  process.exit(1);
}
const basePort = Number(process.env.PORT ?? 3000);
const main = join(__dirname, '..', 'dist', 'apps', 'inbox', 'src', 'main.js');
const { SERVER_NODE_FLAGS } = require('./server-node-flags');
const roles = [['api-1', 'api'], ['api-2', 'api'], ['worker-1', 'worker'], ['worker-2', 'worker']];

const children = roles.map(([name, role], i) => {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, main], {
    env: { ...process.env, INBOX_ROLE: role, PORT: String(basePort + i) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', (code, signal) => console.log(`[${name}] exited (${signal ?? code})`));
  return child;
});
console.log(`API processes on ports ${basePort} and ${basePort + 1}, workers (health only) on ${basePort + 2} and ${basePort + 3}`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
Promise.all(children.map((c) => new Promise((resolve) => c.once('exit', resolve)))).then(() => process.exit(0));
