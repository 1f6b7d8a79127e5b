import { Client } from 'pg';
import { IngestService, InboundCommand } from '@app/conversations';
import { startContext } from './in-process';
import { freshDatabase } from './databases';
import { rawFloorWriter } from './raw-floor';
import { rng, textOf } from './seed';

const CONFIG = 'channels:\n  - id: webchat\n    type: webchat\n';

/** 100,000 inbound messages over 10,000 contacts, as a busy channel would deliver them. */
export function inboundStream(total: number, contacts: number): InboundCommand[] {
  const r = rng(7);
  return Array.from({ length: total }, (_, i) => {
    const contact = Math.floor(r() * contacts);
    return { channelId: 'webchat', externalId: `bench-${i}`, sender: { externalId: `visitor-${contact}`, name: `Клиент ${contact}` }, text: textOf(r) };
  });
}

export interface IngestFigures {
  messages: number;
  contacts: number;
  ingestPerSecond: number;
  floorPerSecond: number;
  ratio: number;
}

/** Through the real ingest use case (group commit, hooks and all), 2,000 messages in flight. */
export async function measureIngest(databaseUrl: string, stream: InboundCommand[], beforeStart?: () => Promise<unknown>): Promise<number> {
  const ctx = await startContext(databaseUrl, CONFIG);
  const ingest = ctx.app.get(IngestService);
  await beforeStart?.();
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(Array.from({ length: 2000 }, async () => {
    while (next < stream.length) await ingest.ingest(stream[next++]);
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await ctx.close();
  return stream.length / seconds;
}

/**
 * The floor: the same rows (contacts, identities, conversations, messages) written straight through
 * better-sqlite3 in batched transactions of 1,000 messages, on the same schema and indexes.
 */
export async function measureFloor(file: string, stream: InboundCommand[]): Promise<number> {
  const floor = rawFloorWriter(file);
  const started = process.hrtime.bigint();
  const write = floor.db.transaction((batch: InboundCommand[]) => {
    const now = Date.now();
    for (const cmd of batch) floor.write(cmd.channelId, cmd.sender.externalId, cmd.sender.name, cmd.text, cmd.externalId, now);
  });
  for (let i = 0; i < stream.length; i += 1000) write(stream.slice(i, i + 1000));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  floor.db.close();
  return stream.length / seconds;
}

/** The PostgreSQL floor: the same rows through the pg driver, multi-row INSERTs in transactions of 1,000 messages. */
export async function measureFloorPostgres(url: string, stream: InboundCommand[]): Promise<number> {
  const target = new URL(url);
  const schema = target.searchParams.get('schema');
  target.searchParams.delete('schema');
  const client = new Client({ connectionString: target.toString(), options: schema ? `-c search_path=${schema}` : undefined });
  await client.connect();
  await client.query(`INSERT INTO channels (id, type, name, "createdAt") VALUES ('webchat', 'webchat', 'Web chat', $1) ON CONFLICT DO NOTHING`, [Date.now()]);
  const values = (rows: unknown[][]) => {
    const params: unknown[] = [];
    const sql = rows.map((row) => `(${row.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`).join(', ');
    return { sql, params };
  };
  const conversationOf = new Map<string, number>();
  const started = process.hrtime.bigint();
  for (let i = 0; i < stream.length; i += 1000) {
    const batch = stream.slice(i, i + 1000);
    const now = Date.now();
    await client.query('BEGIN');
    const fresh = [...new Map(batch.filter((c) => !conversationOf.has(c.sender.externalId)).map((c) => [c.sender.externalId, c])).values()];
    if (fresh.length) {
      const c = values(fresh.map((cmd) => [cmd.sender.name, now]));
      const contactIds = (await client.query(`INSERT INTO contacts (name, "createdAt") VALUES ${c.sql} RETURNING id`, c.params)).rows.map((r) => r.id);
      const id = values(fresh.map((cmd, k) => [contactIds[k], cmd.channelId, cmd.sender.externalId, cmd.sender.name, now]));
      const identityIds = (await client.query(`INSERT INTO contact_identities ("contactId", "channelId", "externalId", "displayName", "createdAt") VALUES ${id.sql} RETURNING id`, id.params)).rows.map((r) => r.id);
      const cv = values(fresh.map((cmd, k) => [cmd.channelId, contactIds[k], identityIds[k], 'open', now, true, now, 'ok', now, now]));
      const conversationIds = (await client.query(`INSERT INTO conversations ("channelId", "contactId", "identityId", status, "lastMessageAt", "awaitingReply", "waitingSince", "slaState", "createdAt", "updatedAt") VALUES ${cv.sql} RETURNING id`, cv.params)).rows.map((r) => r.id);
      fresh.forEach((cmd, k) => conversationOf.set(cmd.sender.externalId, conversationIds[k]));
    }
    const m = values(batch.map((cmd) => [conversationOf.get(cmd.sender.externalId), cmd.channelId, 'in', cmd.text, false, cmd.externalId, now]));
    await client.query(`INSERT INTO messages ("conversationId", "channelId", direction, body, automatic, "externalId", "createdAt") VALUES ${m.sql}`, m.params);
    await client.query('COMMIT');
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.end();
  return stream.length / seconds;
}

/**
 * The floor and the use case measured in turn, `rounds` times each, and the best of each kept: this 2-core machine's
 * speed drifts by a fifth within minutes, and alternating the two makes both see the same drift.
 */
export async function ingestBench(workDir: string, postgresUrl?: string, total = 100_000, contacts = 10_000, rounds = 3): Promise<IngestFigures & { runs: Array<{ floor: number; ingest: number }> }> {
  const stream = inboundStream(total, contacts);
  const runs: Array<{ floor: number; ingest: number }> = [];
  for (let round = 0; round < rounds; round++) {
    const floorDb = await freshDatabase(workDir, 'ingest-floor', postgresUrl);
    const floor = postgresUrl ? await measureFloorPostgres(floorDb.url, stream) : await measureFloor(floorDb.file!, stream);
    await floorDb.drop();
    const ingestDb = await freshDatabase(workDir, 'ingest', postgresUrl);
    const ingest = await measureIngest(ingestDb.url, stream);
    await ingestDb.drop();
    runs.push({ floor, ingest });
  }
  const floorPerSecond = Math.max(...runs.map((r) => r.floor));
  const ingestPerSecond = Math.max(...runs.map((r) => r.ingest));
  return { messages: total, contacts, ingestPerSecond, floorPerSecond, ratio: ingestPerSecond / floorPerSecond, runs };
}
