import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  maxMs: number;
}

/**
 * A loopback load generator: `concurrency` keep-alive connections send requests back to back until
 * `total` have been sent. Latency is measured per request, from write to the last byte. Several URLs (the
 * API processes of a cluster) take the requests in turn, as a round-robin load balancer would.
 */
export async function load(opts: {
  url: string | string[];
  total: number;
  concurrency: number;
  request: (i: number) => { method?: string; path: string; headers?: Record<string, string>; body?: string };
}): Promise<LoadResult> {
  const targets = [opts.url].flat().map((url) => ({ url: new URL(url), agent: new http.Agent({ keepAlive: true, maxSockets: opts.concurrency }) }));
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  const one = (i: number) => new Promise<void>((done) => {
    const req = opts.request(i);
    const t0 = process.hrtime.bigint();
    const { url: target, agent } = targets[i % targets.length];
    const r = http.request({
      agent, host: target.hostname, port: target.port, method: req.method ?? 'GET', path: req.path,
      headers: { ...(req.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(req.body) } : {}), ...req.headers },
    }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.statusCode! >= 400) errors++;
        done();
      });
    });
    r.on('error', () => { errors++; done(); });
    r.end(req.body);
  });
  await Promise.all(Array.from({ length: opts.concurrency }, async () => {
    while (next < opts.total) await one(next++);
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  targets.forEach((t) => t.agent.destroy());
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50ms: at(0.5), p99ms: at(0.99), maxMs: latencies[latencies.length - 1] ?? 0 };
}
