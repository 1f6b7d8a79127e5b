import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN_TOKEN } from './support/test-app';

const root = resolve(__dirname, '..');

/** The real entry point with stdout on a pipe (not a terminal), as under systemd or Docker. */
describe('logs of the real server', () => {
  let child: ChildProcess | undefined;
  let dir: string;
  afterEach(() => {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('are JSON lines: start-up says how to sign in, a good request adds no line, a 4xx one warn line without a stack', async () => {
    dir = mkdtempSync(join(tmpdir(), 'inbox-logs-'));
    writeFileSync(join(dir, 'config.yaml'), 'channels:\n  - id: webchat\n    type: webchat\n');
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/inbox/src/main.ts'], {
      cwd: root,
      env: { ...process.env, INBOX_CONFIG: join(dir, 'config.yaml'), DATABASE_URL: `sqlite:${join(dir, 'x.sqlite')}`, DATA_DIR: join(dir, 'data'), PORT: '0', INBOX_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'info' },
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const url = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no start-up line in:\n${out}`)), 60_000);
      child!.stdout!.on('data', () => {
        const match = /listening on (http:\/\/localhost:\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          ok(match[1]);
        }
      });
    });

    const mark = out.length;
    const { token } = await (await fetch(`${url}/webchat/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json() as { token: string };
    expect((await fetch(`${url}/webchat/messages`, { headers: { 'X-Visitor-Token': token } })).status).toBe(200);
    const post = (body: string) => fetch(`${url}/webchat/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect((await post('{"visitorId": ')).status).toBe(400);
    expect((await post(`{"a":${'['.repeat(2000)}${']'.repeat(2000)}}`)).status).toBe(400);
    expect((await fetch(`${url}/api/conversations`, { headers: { Authorization: 'Bearer sit_wrong' } })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));

    const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string; err?: { stack?: string } });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/^Sign in at http:\/\/localhost:\d+\/ with your e-mail and password; on a fresh installation that page creates the first \(ops\) account \(the INBOX_ADMIN_TOKEN value/)]));
    const after = out.slice(mark).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string; err?: { stack?: string } });
    expect(after.map((l) => [l.level, l.msg])).toEqual([
      [40, 'POST /webchat/messages 400: Unexpected end of JSON input'],
      [40, 'POST /webchat/messages 400: the JSON body is nested deeper than 32 levels'],
      [40, expect.stringMatching(/^GET \/api\/conversations 401/)],
    ]);
    expect(out.slice(mark)).not.toMatch(/stack|    at /);
  });
});
