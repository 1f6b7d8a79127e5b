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
  try {
    execSync('pg_isready -h 127.0.0.1 -p 5432', { stdio: 'ignore' });
  } catch {
    console.warn('\nPostgreSQL is not answering on 127.0.0.1:5432; start it (see .ci/run) or the PostgreSQL tests will fail.\n');
  }
}
