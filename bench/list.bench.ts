import { load, LoadResult } from './http-load';
import { BENCH_TOKEN, startServerProcess } from './server-process';

export interface ListFigures {
  floor: LoadResult;
  list: LoadResult;
  filtered: LoadResult;
}

const CONFIG = 'channels:\n  - id: webchat\n    type: webchat\n';
const HEADERS = { authorization: `Bearer ${BENCH_TOKEN}` };

/**
 * The inbox list over HTTP against the real server (its own process), beside a trivial authenticated
 * route of the same server as the floor. Latency is one request at a time (what an agent waits);
 * requests per second with 8 connections at once.
 */
export async function listBench(databaseUrl: string, total = 3000): Promise<ListFigures> {
  const server = await startServerProcess(databaseUrl, CONFIG, { INBOX_ROLE: 'api' });
  try {
    const run = async (path: string): Promise<LoadResult> => {
      await load({ url: server.url, total: 300, concurrency: 8, request: () => ({ path, headers: HEADERS }) });
      const latency = await load({ url: server.url, total: 1000, concurrency: 1, request: () => ({ path, headers: HEADERS }) });
      const throughput = await load({ url: server.url, total, concurrency: 8, request: () => ({ path, headers: HEADERS }) });
      return { ...latency, rps: throughput.rps, errors: latency.errors + throughput.errors };
    };
    const floor = await run('/api/me');
    const list = await run('/api/conversations?status=open&limit=50');
    const filtered = await run('/api/conversations?status=open&channel=tg-main&breaching=true&assignee=3&limit=50');
    for (const [name, r] of Object.entries({ floor, list, filtered })) {
      if (r.errors) throw new Error(`${name}: ${r.errors} requests failed`);
    }
    return { floor, list, filtered };
  } finally {
    await server.stop();
  }
}
