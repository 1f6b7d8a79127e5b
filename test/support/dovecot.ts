import { ChildProcess, execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SmtpSink } from './smtp-sink';

const DOVECOT = '/usr/sbin/dovecot';
const NOBODY = { uid: 65534, gid: 65534 }; // nobody:nogroup on Debian

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users?: DovecotUser[];
  /** Replaces the advertised capabilities (e.g. without IDLE, to test the polling fallback). */
  capability?: string;
}

/** Installs Debian's dovecot-imapd when it is missing (the tests run as root on CI machines). */
export function ensureDovecotInstalled(): void {
  try {
    execSync('dpkg -s dovecot-imapd', { stdio: 'ignore' });
    if (existsSync(DOVECOT)) return;
  } catch {
    // not installed: install below
  }
  if (process.getuid?.() !== 0) throw new Error('dovecot-imapd is not installed and the tests do not run as root: apt-get install dovecot-imapd');
  // Test files run in parallel workers: one installs, the others wait on the lock and find it installed.
  const install = 'dpkg -s dovecot-imapd >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd; }';
  execSync(`flock ${join(tmpdir(), 'inbox-tests-dovecot-install.lock')} sh -c '${install}'`, { stdio: 'ignore', timeout: 600_000 });
}

/**
 * A real Dovecot IMAP server for tests: its own throwaway config, passwd file, maildirs, base_dir and log,
 * plaintext login on 127.0.0.1 and a free port. Mail is delivered the way an MTA would: by IMAP APPEND while
 * it runs, or by writing into the maildir while it is stopped.
 */
export class Dovecot {
  readonly host = '127.0.0.1';
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  private constructor(readonly dir: string, readonly port: number, readonly users: DovecotUser[]) {}

  static async start(options: DovecotOptions = {}): Promise<Dovecot> {
    ensureDovecotInstalled();
    const dir = mkdtempSync(join(tmpdir(), 'dovecot-test-'));
    chmodSync(dir, 0o755); // the mail processes run as nobody and must reach the maildirs
    const users = options.users ?? [{ user: 'support', password: 'secret-pass' }];
    const dovecot = new Dovecot(dir, await freePort(), users);
    dovecot.writeConfig(options.capability);
    await dovecot.startServer();
    return dovecot;
  }

  get log(): string {
    const file = join(this.dir, 'dovecot.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** Starts the server again after stop(), on the same port and maildirs. */
  async startServer(): Promise<void> {
    if (this.child) return;
    const child = spawn(DOVECOT, ['-F', '-c', join(this.dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const failed = this.exited.then(() => {
      throw new Error(`dovecot exited at start: ${stderr}\n${this.log}`);
    });
    await Promise.race([waitForGreeting(this.host, this.port, 10_000), failed]);
    failed.catch(() => undefined);
  }

  /**
   * Stops the server as a restart would: the master process and every process it started, so each client
   * session drops (Dovecot's master exits before its imap processes, which would otherwise serve on).
   */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.child = null;
    const spawned = this.processesOf(child.pid);
    child.kill('SIGTERM');
    await this.exited;
    const alive = () => spawned.filter((pid) => this.isOurs(pid));
    for (const pid of alive()) process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 3000;
    while (alive().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    for (const pid of alive()) process.kill(pid, 'SIGKILL');
  }

  /** Ids of the processes the master started (its children), while it runs. */
  private processesOf(masterPid: number): number[] {
    const out = execSync('ps -eo pid=,ppid=', { encoding: 'utf8' });
    return out.split('\n').map((l) => l.trim().split(/\s+/).map(Number)).filter(([, ppid]) => ppid === masterPid).map(([pid]) => pid);
  }

  /** The process still exists and is one of this instance's (not a reused id). */
  private isOurs(pid: number): boolean {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`inbox-test-${this.port}`);
    } catch {
      return false;
    }
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Delivers a message as the MTA would, by IMAP APPEND. */
  async append(raw: string, user = this.users[0].user, mailbox = 'INBOX'): Promise<void> {
    await this.session(user, async (cmd) => {
      await cmd(`APPEND ${quote(mailbox)} {${Buffer.byteLength(raw)}}`, raw);
    });
  }

  /** The mailbox's UIDVALIDITY and next UID, as the server reports them. */
  async status(user = this.users[0].user, mailbox = 'INBOX'): Promise<{ uidValidity: number; uidNext: number; messages: number }> {
    let line = '';
    await this.session(user, async (cmd) => {
      line = /^\* STATUS.*$/m.exec(await cmd(`STATUS ${quote(mailbox)} (UIDVALIDITY UIDNEXT MESSAGES)`))?.[0] ?? '';
    });
    const num = (key: string) => Number(new RegExp(`${key} (\\d+)`).exec(line)?.[1]);
    return { uidValidity: num('UIDVALIDITY'), uidNext: num('UIDNEXT'), messages: num('MESSAGES') };
  }

  /** Writes a message straight into the user's INBOX maildir (for when the server is stopped). */
  deliverToMaildir(raw: string, user = this.users[0].user): void {
    const maildir = this.maildir(user);
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
    const name = `${Date.now()}.${randomBytes(6).toString('hex')}.test`;
    const file = join(maildir, 'new', name);
    writeFileSync(file, raw.replace(/\r\n/g, '\n'));
    chownSync(file, NOBODY.uid, NOBODY.gid);
  }

  /** Removes the messages with this Message-ID from the user's INBOX maildir (for when the server is stopped). */
  removeFromMaildir(messageId: string, user = this.users[0].user): number {
    let removed = 0;
    for (const sub of ['cur', 'new']) {
      const dir = join(this.maildir(user), sub);
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir)) {
        if (readFileSync(join(dir, file), 'utf8').includes(`Message-ID: ${messageId}`)) {
          rmSync(join(dir, file));
          removed += 1;
        }
      }
    }
    return removed;
  }

  /**
   * Gives the INBOX a new UIDVALIDITY (as a restored backup or a rebuilt index would): with the server
   * stopped, drops its UID list and indexes and writes a fresh list, so every message gets a new UID.
   */
  async resetUidValidity(user = this.users[0].user, uidValidity?: number): Promise<number> {
    const running = this.child !== null;
    const before = running ? (await this.status(user)).uidValidity : 0;
    await this.stop();
    const maildir = this.maildir(user);
    for (const file of readdirSync(maildir)) {
      if (file === 'dovecot-uidlist' || file.startsWith('dovecot.index') || file.startsWith('dovecot.list.index')) rmSync(join(maildir, file));
    }
    const next = uidValidity ?? Math.max(before + 1000, Math.floor(Date.now() / 1000) + 1000);
    writeFileSync(join(maildir, 'dovecot-uidlist'), `3 V${next} N1\n`);
    chownSync(join(maildir, 'dovecot-uidlist'), NOBODY.uid, NOBODY.gid);
    if (running) await this.startServer();
    return next;
  }

  private maildir(user: string): string {
    return join(this.dir, 'mail', user);
  }

  private session(user: string, run: (cmd: ImapCommand) => Promise<void>): Promise<void> {
    return imapSession(this.host, this.port, this.users.find((u) => u.user === user) ?? { user, password: '' }, run);
  }

  private writeConfig(capability?: string): void {
    const d = this.dir;
    mkdirSync(join(d, 'mail'), { recursive: true });
    chownSync(join(d, 'mail'), NOBODY.uid, NOBODY.gid);
    writeFileSync(join(d, 'passwd'), this.users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join(''));
    writeFileSync(join(d, 'dovecot.conf'), `
# Throwaway Dovecot ${'2.3'} config for tests: loopback only, plaintext login, maildirs owned by nobody.
base_dir = ${d}/run
state_dir = ${d}/state
instance_name = inbox-test-${this.port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${d}/dovecot.log
mail_location = maildir:${d}/mail/%u
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 1
first_valid_gid = 1
mail_fsync = never
default_internal_user = dovecot
default_login_user = dovenull
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${d}/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${d}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    port = 0
  }
}
protocol imap {
  mail_max_userip_connections = 100
${capability ? `  imap_capability = ${capability}\n` : ''}}
`);
  }
}

type ImapCommand = (line: string, literal?: string) => Promise<string>;

/**
 * A minimal IMAP session on a raw socket (greeting, optional LOGIN, the commands, LOGOUT), independent of the
 * client library under test. Each command resolves with the server's lines for it.
 */
async function imapSession(host: string, port: number, login: DovecotUser | null, run: (cmd: ImapCommand) => Promise<void>): Promise<void> {
  const socket = connect(port, host);
  socket.setEncoding('utf8');
  let data = '';
  let failure: Error | null = null;
  const waiters = new Set<() => void>();
  socket.on('data', (chunk: string) => {
    data += chunk;
    waiters.forEach((w) => w());
  });
  socket.on('error', (err) => {
    failure = new Error(`IMAP session with ${host}:${port}: ${err.message}`, { cause: err });
    waiters.forEach((w) => w());
  });
  const waitFor = (from: number, pattern: RegExp) => new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`IMAP server did not answer ${pattern}`)), 10_000);
    const done = (err: Error | null, text?: string) => {
      waiters.delete(check);
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(text!);
    };
    const check = () => (failure ? done(failure) : pattern.test(data.slice(from)) && done(null, data.slice(from)));
    waiters.add(check);
    check();
  });
  let n = 0;
  const cmd: ImapCommand = async (line, literal) => {
    const tag = `t${++n}`;
    const from = data.length;
    socket.write(`${tag} ${line}\r\n`);
    if (literal !== undefined) {
      await waitFor(from, new RegExp(`^(\\+|${tag} )`, 'm'));
      socket.write(`${literal}\r\n`);
    }
    const text = await waitFor(from, new RegExp(`^${tag} (OK|NO|BAD)`, 'm'));
    if (!new RegExp(`^${tag} OK`, 'm').test(text)) throw new Error(`IMAP ${line.split(' ')[0]} failed: ${text.trim()}`);
    return text;
  };
  try {
    await waitFor(0, /^\* OK/m);
    if (login) await cmd(`LOGIN ${quote(login.user)} ${quote(login.password)}`);
    await run(cmd);
    await cmd('LOGOUT').catch(() => undefined);
  } finally {
    socket.destroy();
  }
}

function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForGreeting(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await imapSession(host, port, null, async () => undefined);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Builds an RFC 5322 message for tests (CRLF line ends); headers are given in order. */
export function rawMail(headers: Record<string, string>, body: string): string {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'mime-version')) lines.push('MIME-Version: 1.0');
  return `${lines.join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`;
}

/**
 * A Dovecot and an SMTP sink for the tests of a file: started before them (the first Dovecot of a machine is
 * installed: minutes), stopped after them. Read `imap` and `smtp` once the tests run.
 */
export function mailServersPerFile(options: DovecotOptions = {}): { readonly imap: Dovecot; readonly smtp: SmtpSink } {
  let imap: Dovecot | undefined;
  let smtp: SmtpSink | undefined;
  beforeAll(async () => {
    [imap, smtp] = await Promise.all([Dovecot.start(options), SmtpSink.start()]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([imap?.destroy(), smtp?.close()]);
  });
  return {
    get imap() {
      return imap!;
    },
    get smtp() {
      return smtp!;
    },
  };
}
