import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { startTestApp, TestApp, WEBCHAT_ONLY } from './support/test-app';

const root = resolve(__dirname, '..');

describe('inbox-cli: agents and tokens', () => {
  let dir: string;
  let t: TestApp | null = null;

  /** Runs the built CLI (`npm run cli`; `npm test` builds it) on the test's database, as ops would. */
  function cli(...args: string[]) {
    return cliWithInput(undefined, ...args);
  }

  function cliWithInput(input: string | undefined, ...args: string[]) {
    return spawnSync(process.execPath, [join(root, 'dist/apps/inbox-cli/src/main.js'), ...args], {
      cwd: root,
      input,
      env: { ...process.env, INBOX_CONFIG: join(dir, 'config.yaml'), DATABASE_URL: `sqlite:${join(dir, 'inbox.sqlite')}`, DATA_DIR: join(dir, 'data') },
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'inbox-cli-'));
    writeFileSync(join(dir, 'config.yaml'), WEBCHAT_ONLY);
  });
  afterEach(async () => {
    await t?.destroy();
    t = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates an ops agent whose token works on ops routes, and another token for an agent', async () => {
    const created = cli('agent', 'create', '--name', 'Ольга', '--email', 'Olga@Example.com', '--role', 'ops');
    expect(created.status).toBe(0);
    const ops = JSON.parse(created.stdout);
    expect(ops).toMatchObject({ name: 'Ольга', email: 'olga@example.com', role: 'ops', token: expect.stringMatching(/^sit_/) });

    const agent = JSON.parse(cli('agent', 'create', '--name', 'Пётр', '--email', 'petr@example.com').stdout);
    expect(agent.role).toBe('agent');
    const second = cli('token', 'create', '--agent', 'petr@example.com');
    expect(second.status).toBe(0);
    const secondToken = second.stdout.trim();
    expect(secondToken).not.toBe(agent.token);
    expect(cli('agent', 'list').stdout).toMatch(/ops\tolga@example\.com\tОльга[\s\S]*agent\tpetr@example\.com\tПётр/);

    t = await startTestApp({ dir, configYaml: WEBCHAT_ONLY });
    await request(t.url).post('/api/agents').set({ Authorization: `Bearer ${ops.token}` }).send({ name: 'Новичок', email: 'new@example.com', role: 'agent' }).expect(201);
    const me = await request(t.url).get('/api/me').set({ Authorization: `Bearer ${secondToken}` }).expect(200);
    expect(me.body).toMatchObject({ name: 'Пётр', role: 'agent' });
    await request(t.url).post('/api/agents').set({ Authorization: `Bearer ${secondToken}` }).send({ name: 'X', email: 'x@example.com', role: 'agent' }).expect(403);
  });

  it('sets a password (--password or --password-stdin) or prints a one-time sign-in link that signs in once', async () => {
    const withLink = JSON.parse(cli('agent', 'create', '--name', 'Анна', '--email', 'anna@example.com').stdout);
    expect(withLink.signInUrl).toMatch(/^http:\/\/localhost:3000\/#signin=sil_/);
    const withPassword = JSON.parse(cli('agent', 'create', '--name', 'Ольга', '--email', 'olga@example.com', '--role', 'ops', '--password', 'olga password 1').stdout);
    expect(withPassword.signInUrl).toBeUndefined();
    expect(cliWithInput('petr password 1\n', 'agent', 'create', '--name', 'Пётр', '--email', 'petr@example.com', '--password-stdin').status).toBe(0);
    const short = cli('agent', 'password', '--agent', 'anna@example.com', '--password', 'short');
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('the password must be 10 to 200 characters long');
    const again = cli('agent', 'link', '--agent', 'anna@example.com');
    expect(again.status).toBe(0);

    t = await startTestApp({ dir, configYaml: WEBCHAT_ONLY });
    await request(t.url).post('/api/session').send({ email: 'olga@example.com', password: 'olga password 1' }).expect(200);
    await request(t.url).post('/api/session').send({ email: 'petr@example.com', password: 'petr password 1' }).expect(200);
    const secret = (url: string) => decodeURIComponent(url.trim().split('#signin=')[1]);
    await request(t.url).post('/api/session/link').send({ token: secret(withLink.signInUrl) }).expect(200);
    await request(t.url).post('/api/session/link').send({ token: secret(withLink.signInUrl) }).expect(401);
    await request(t.url).post('/api/session/link').send({ token: secret(again.stdout) }).expect(200);
    expect(cli('agent', 'password', '--agent', 'anna@example.com', '--password', 'anna password 1').status).toBe(0);
    await request(t.url).post('/api/session').send({ email: 'anna@example.com', password: 'anna password 1' }).expect(200);
  }, 180_000); // eight CLI processes, each opening the database

  it('refuses bad input with a clear message and a non-zero exit', () => {
    const missing = cli('agent', 'create', '--name', 'Без почты');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('agent create needs --name and --email');
    const role = cli('agent', 'create', '--name', 'A', '--email', 'a@example.com', '--role', 'boss');
    expect(role.status).toBe(2);
    expect(role.stderr).toContain('--role must be one of agent, ops');
    expect(cli('agent', 'create', '--name', 'A', '--email', 'a@example.com').status).toBe(0);
    const duplicate = cli('agent', 'create', '--name', 'A', '--email', 'a@example.com');
    expect(duplicate.status).not.toBe(0);
    expect(duplicate.stderr).toContain('an agent with email a@example.com already exists');
    const nobody = cli('token', 'create', '--agent', 'ghost@example.com');
    expect(nobody.status).toBe(2);
    expect(nobody.stderr).toContain('no agent ghost@example.com');
  });
});
