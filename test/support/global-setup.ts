import { execSync } from 'node:child_process';

/** Debian packages the tests talk to: a real IMAP server, and the browser (WhatsApp Web smoke test, the web inbox). */
const SYSTEM_PACKAGES = ['dovecot-imapd', 'chromium'];

function missing(pkg: string): boolean {
  try {
    execSync(`dpkg -s ${pkg}`, { stdio: 'ignore' });
    return false;
  } catch {
    return true;
  }
}

/**
 * Runs once before the tests: installs the system packages the test peers need when they are missing (as
 * root, `apt-get update` first), so `npm test` works on a fresh machine; and makes a missing PostgreSQL
 * obvious instead of a wall of timeouts.
 */
export default async function globalSetup(): Promise<void> {
  const needed = SYSTEM_PACKAGES.filter(missing);
  if (needed.length) {
    if (process.getuid?.() !== 0) {
      console.warn(`\nMissing system packages ${needed.join(', ')}: install them (apt-get install ${needed.join(' ')}) or run as root.\n`);
    } else {
      console.log(`\nInstalling ${needed.join(', ')} for the test peers…`);
      execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${needed.join(' ')}`, { stdio: 'inherit', timeout: 900_000 });
    }
  }
  ensurePostgres();
}

/** The repository tests also run on PostgreSQL (127.0.0.1:5432, trust auth, database `test`): start the machine's cluster if it is down. */
function ensurePostgres(): void {
  const ready = () => {
    try {
      execSync('pg_isready -q -h 127.0.0.1 -p 5432', { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (ready()) return;
  try {
    execSync('pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start', { stdio: 'inherit', shell: '/bin/bash', timeout: 60_000 });
    for (let i = 0; i < 30 && !ready(); i++) execSync('sleep 1');
  } catch {
    // reported below
  }
  if (!ready()) console.warn('\nPostgreSQL is not answering on 127.0.0.1:5432; start it (see .ci/run) or the PostgreSQL tests will fail.\n');
}
