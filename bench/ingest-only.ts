import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { freshDatabase } from './databases';
import { inboundStream, measureFloor, measureFloorPostgres, measureIngest } from './ingest.bench';

/**
 * A quick look at the ingest use case alone: `npx ts-node bench/ingest-only.ts [messages] [contacts]`.
 * With PROFILE=file.cpuprofile, a CPU profile of the use case's run only (not of start-up) is written there.
 */
async function main() {
  const [messages, contacts] = [Number(process.argv[2] ?? 20_000), Number(process.argv[3] ?? 2_000)];
  const work = resolve(__dirname, 'work');
  if (!process.env.PROFILE) {
    const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
    const stream = inboundStream(messages, contacts);
    const floorDb = await freshDatabase(work, 'ingest-floor', process.env.BENCH_DATABASE_URL);
    let t = cpu();
    const floor = process.env.BENCH_DATABASE_URL ? await measureFloorPostgres(floorDb.url, stream) : await measureFloor(floorDb.file!, stream);
    const floorCpu = cpu() - t;
    await floorDb.drop();
    const db = await freshDatabase(work, 'ingest', process.env.BENCH_DATABASE_URL);
    // The use case's CPU from its first message on (not the app's start-up).
    const ingest = await measureIngest(db.url, stream, async () => (t = cpu()));
    const ingestCpu = cpu() - t;
    await db.drop();
    console.log(JSON.stringify({ floor: Math.round(floor), ingest: Math.round(ingest), ratio: +(ingest / floor).toFixed(3), floorCpu, ingestCpu, cpuRatio: +(floorCpu / ingestCpu).toFixed(3) }));
    return;
  }
  const db = await freshDatabase(work, 'ingest-profile', process.env.BENCH_DATABASE_URL);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  const start = process.cpuUsage();
  const perSecond = await measureIngest(db.url, inboundStream(messages, contacts), async () => session.post('Profiler.start'));
  const { profile } = await session.post('Profiler.stop');
  const cpu = process.cpuUsage(start);
  writeFileSync(process.env.PROFILE, JSON.stringify(profile));
  console.log(JSON.stringify({ perSecond, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
  await db.drop();
}
main().catch((err) => { console.error(err); process.exit(1); });
