import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { startTestApp, TestApp, TestAppOptions } from './test-app';

const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const WEB_SOURCES = join(ROOT, 'apps', 'inbox', 'web');
const WEB_PAGE = join(ROOT, 'dist', 'web', 'index.html');
const BUILD_LOCK = join(tmpdir(), 'support-inbox-web-build.lock');

/** Debian's chromium; installed when missing (CI runs as root on a clean machine). Never a downloaded browser. */
export function ensureChromium(): void {
  execSync('dpkg -s chromium >/dev/null 2>&1 || (apt-get update && apt-get install -y chromium)', { stdio: 'inherit', shell: '/bin/bash' });
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const bundleIsFresh = () => existsSync(WEB_PAGE) && statSync(WEB_PAGE).mtimeMs >= newestSource(WEB_SOURCES);

/**
 * `npm test` builds the web bundle before jest; running a browser test alone builds it here when it is missing or
 * older than its sources. Test files run in parallel, so one builds while the others wait for its lock.
 */
export async function ensureWebBundle(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!bundleIsFresh()) {
    try {
      mkdirSync(BUILD_LOCK);
    } catch {
      const lock = statSync(BUILD_LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 120_000) rmSync(BUILD_LOCK, { recursive: true, force: true }); // a build that died
      if (Date.now() > deadline) throw new Error(`the web bundle was not built within 2 minutes (lock ${BUILD_LOCK})`);
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (!bundleIsFresh()) execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
    } finally {
      rmSync(BUILD_LOCK, { recursive: true, force: true });
    }
  }
}

export interface TestBrowser {
  context: BrowserContext;
  /** Uncaught errors and console errors of every page (a CSP violation shows up here too). */
  errors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Headless chromium on a fresh profile, Russian like the agents of the domain, a laptop-sized window. */
export async function launchBrowser(options: { locale?: string } = {}): Promise<TestBrowser> {
  ensureChromium();
  await ensureWebBundle();
  const userDataDir = mkdtempSync(join(tmpdir(), 'inbox-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    locale: options.locale ?? 'ru-RU',
    viewport: { width: 1360, height: 820 },
    acceptDownloads: true,
  });
  const errors: string[] = [];
  // The inbox's pages only: the customer's /chat page asks for a favicon the server does not have.
  const record = (page: Page, text: string) => { if (!page.url().includes('/chat')) errors.push(`${page.url()}: ${text}`); };
  const watch = (page: Page) => {
    page.on('pageerror', (err) => record(page, err.message));
    page.on('console', (msg) => { if (msg.type() === 'error') record(page, msg.text()); });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    errors,
    newPage: async () => context.pages().find((p) => p.url() === 'about:blank') ?? context.newPage(),
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in on the inbox page with an API token ("use an API token") and waits until the realtime connection is up. */
export async function signIn(page: Page, url: string, token: string, path = '/'): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.click('[data-use-token]');
  await page.fill('input[name=token]', token);
  await page.click('button[type=submit]');
  await page.waitForSelector('header.top [data-live="true"]');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Closes a test's browser, then its server (each at most once), whatever state the test left them in. */
export async function closeAll(browser: TestBrowser | null, t: TestApp | null): Promise<void> {
  await browser?.close().catch(() => undefined);
  await t?.destroy();
}

/**
 * A browser test's server and browser, started through it and closed after each test (each at most once), whatever
 * state the test left them in. A restart is another `startApp`: the last server started is the one closed.
 */
export function browserTestBed(): { startApp(options?: TestAppOptions): Promise<TestApp>; launchBrowser(options?: { locale?: string }): Promise<TestBrowser> } {
  let app: TestApp | null = null;
  let browser: TestBrowser | null = null;
  afterEach(async () => {
    await closeAll(browser, app);
    browser = null;
    app = null;
  });
  return {
    startApp: async (options) => (app = await startTestApp(options)),
    launchBrowser: async (options) => (browser = await launchBrowser(options)),
  };
}
