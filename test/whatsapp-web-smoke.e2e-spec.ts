import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import request from 'supertest';
import { createWwebClient, whatsappChannelType, WwebClientFactory, WwebClientLike } from '@app/channels/whatsapp';
import { ADMIN_TOKEN, eventually, startTestApp, TestApp } from './support/test-app';

/**
 * The real whatsapp-web.js Client with Debian's chromium. These machines cannot reach WhatsApp Web, so no QR
 * can show: the browser starts, the page load fails, and that failure must be the channel's state while the
 * server keeps serving and a new client is tried again.
 */
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CONFIG = `
channels:
  - id: wa
    type: whatsapp
    connection: web
    executablePath: /usr/bin/chromium
    reconnectBaseMs: 1000
    reconnectMaxMs: 2000
    initTimeoutMs: 20000
`;

type RealClient = WwebClientLike & { pupBrowser?: { process(): { pid?: number } | null } | null };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes whose command line mentions this folder (Chromium runs with --user-data-dir inside it). */
function processesUsing(dir: string): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir);
    } catch {
      return false;
    }
  }).map(Number);
}

describe('WhatsApp Web smoke test (real whatsapp-web.js and Chromium, no internet)', () => {
  let t: TestApp | null = null;
  const clients: RealClient[] = [];
  const pids = new Set<number>();

  beforeAll(() => {
    execSync('dpkg -s chromium >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)', { stdio: 'inherit', timeout: 600_000 });
  }, 600_000);

  afterAll(async () => {
    await t?.destroy();
  });

  it('launches Chromium, reports the failure to reach WhatsApp as the channel error, keeps serving, retries, and closes Chromium', async () => {
    const launching: WwebClientFactory = (options) => {
      const client = createWwebClient(options) as RealClient;
      clients.push(client);
      return client;
    };
    t = await startTestApp({
      configYaml: CONFIG,
      channelTypes: [whatsappChannelType({ webClientFactory: launching })],
    });
    const sessionDir = `${t.config.dataDir}/channels/wa/session`;

    const failed = await eventually(async () => {
      const pid = clients[0]?.pupBrowser?.process()?.pid;
      if (pid) pids.add(pid);
      const res = await request(t!.url).get('/api/channels').set(auth).expect(200);
      expect(res.body.items[0]).toMatchObject({ id: 'wa', state: 'error' });
      return res.body.items[0];
    }, 30_000, 50);
    expect(failed.reason).toMatch(/^could not start WhatsApp Web: (net::ERR_\w+|WhatsApp Web did not load)/);
    expect(failed.reason).toMatch(/retry \d+ scheduled, a new client in \d+ s/);
    expect(pids.size).toBe(1); // the browser really started

    // The server keeps serving: health names the failing channel, the API answers.
    const health = await request(t.url).get('/health').set(auth).expect(503);
    expect(health.body.details['channel:wa']).toMatchObject({ status: 'down', state: expect.stringMatching(/error|connecting/) });
    await request(t.url).get('/api/conversations').set(auth).expect(200);

    // The retry happens: a second client launches its own browser.
    await eventually(() => {
      const pid = clients[1]?.pupBrowser?.process()?.pid;
      expect(pid).toBeDefined();
      pids.add(pid!);
    }, 15_000, 50);
    expect(pids.size).toBe(2);

    await t.close();
    await eventually(() => {
      expect([...pids].filter(alive)).toEqual([]);
      expect(processesUsing(sessionDir)).toEqual([]);
    }, 10_000, 100);
  }, 60_000);
});
