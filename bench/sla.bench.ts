import { io } from 'socket.io-client';
import { seed } from './seed';
import { BENCH_TOKEN, startServerProcess } from './server-process';

export interface SlaFigures {
  open: number;
  dueInFirstMinute: number;
  breachesSeen: number;
  lagP50ms: number;
  lagP99ms: number;
  lagMaxMs: number;
  idleCpuPercent: number;
  rssMb: number;
  startSeconds: number;
}

const CONFIG = 'channels:\n  - id: webchat\n    type: webchat\n';

/**
 * `open` conversations with deadlines over the next hour, `firstMinute` of them in one minute that starts
 * shortly after the server is up. The lag is measured end to end: from each deadline to the moment an
 * agent's socket receives its `sla.breached`. Idle CPU is taken while deadlines are armed but none is due.
 */
export async function slaBench(databaseUrl: string, open: number, firstMinute: number, windowMs = 60_000): Promise<SlaFigures> {
  // The rest first, spread over the hour after the measured window; then the window's share, timed from now.
  const restFrom = Date.now() + 3 * 60_000;
  await seed(databaseUrl, { conversations: open - firstMinute, messagesPerConversation: 0, deadlines: { start: restFrom, end: restFrom + 3_600_000, even: false } });
  const firstMinuteStart = Date.now() + 16_000 + Math.ceil(open / 100_000) * 1000; // room to start and to measure idle CPU
  await seed(databaseUrl, { conversations: open, messagesPerConversation: 0, deadlines: { start: firstMinuteStart, end: firstMinuteStart + windowMs, even: true } });
  const bootAt = Date.now();
  const server = await startServerProcess(databaseUrl, CONFIG);
  const startSeconds = (Date.now() - bootAt) / 1000;
  const lags: number[] = [];
  const socket = io(`${server.url}/realtime`, { auth: { token: BENCH_TOKEN }, transports: ['websocket'] });
  socket.on('sla.breached', (alert: { dueAt: string }) => lags.push(Date.now() - Date.parse(alert.dueAt)));
  await new Promise((ok) => socket.once('ready', ok));
  try {
    // Idle: every near deadline is armed, none is due yet.
    await sleep(2000);
    const idleWindow = Math.min(10_000, firstMinuteStart - Date.now() - 1000);
    if (idleWindow < 2000) throw new Error('the server took too long to start for an idle measurement');
    const cpu0 = server.cpuSeconds();
    await sleep(idleWindow);
    const idleCpuPercent = ((server.cpuSeconds() - cpu0) / (idleWindow / 1000)) * 100;
    await sleep(Math.max(0, firstMinuteStart + windowMs + 2000 - Date.now()));
    const rssMb = server.rssMb();
    const firstMinuteLags = lags.slice(0, firstMinute).sort((a, b) => a - b);
    const at = (p: number) => firstMinuteLags[Math.min(firstMinuteLags.length - 1, Math.floor(p * firstMinuteLags.length))] ?? NaN;
    return {
      open, dueInFirstMinute: firstMinute, breachesSeen: firstMinuteLags.length,
      lagP50ms: at(0.5), lagP99ms: at(0.99), lagMaxMs: firstMinuteLags[firstMinuteLags.length - 1] ?? NaN,
      idleCpuPercent, rssMb, startSeconds,
    };
  } finally {
    socket.disconnect();
    await server.stop();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
