import Database from 'better-sqlite3';
import { IngestService, InboundCommand } from '@app/conversations';
import { startContext } from './in-process';
import { freshDatabase } from './databases';
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
export async function measureIngest(databaseUrl: string, stream: InboundCommand[]): Promise<number> {
  const ctx = await startContext(databaseUrl, CONFIG);
  const ingest = ctx.app.get(IngestService);
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
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const contact = db.prepare('INSERT INTO contacts (name, "createdAt") VALUES (?, ?) RETURNING id');
  const identity = db.prepare('INSERT INTO contact_identities ("contactId", "channelId", "externalId", "displayName", "createdAt") VALUES (?, ?, ?, ?, ?) RETURNING id');
  const conversation = db.prepare(`INSERT INTO conversations ("channelId", "contactId", "identityId", status, "lastMessageAt", "awaitingReply", "waitingSince", "slaState", "createdAt", "updatedAt")
    VALUES (?, ?, ?, 'open', ?, 1, ?, 'ok', ?, ?) RETURNING id`);
  const message = db.prepare(`INSERT INTO messages ("conversationId", "channelId", direction, body, automatic, "externalId", "createdAt") VALUES (?, ?, 'in', ?, 0, ?, ?)`);
  const conversationOf = new Map<string, number>();
  const started = process.hrtime.bigint();
  const write = db.transaction((batch: InboundCommand[]) => {
    const now = Date.now();
    for (const cmd of batch) {
      let conversationId = conversationOf.get(cmd.sender.externalId);
      if (conversationId === undefined) {
        const c = (contact.get(cmd.sender.name, now) as { id: number }).id;
        const i = (identity.get(c, cmd.channelId, cmd.sender.externalId, cmd.sender.name, now) as { id: number }).id;
        conversationId = (conversation.get(cmd.channelId, c, i, now, now, now, now) as { id: number }).id;
        conversationOf.set(cmd.sender.externalId, conversationId);
      }
      message.run(conversationId, cmd.channelId, cmd.text, cmd.externalId, now);
    }
  });
  for (let i = 0; i < stream.length; i += 1000) write(stream.slice(i, i + 1000));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return stream.length / seconds;
}

export async function ingestBench(workDir: string, total = 100_000, contacts = 10_000): Promise<IngestFigures> {
  const stream = inboundStream(total, contacts);
  const floorDb = await freshDatabase(workDir, 'ingest-floor');
  const floorPerSecond = await measureFloor(floorDb.file!, stream);
  const ingestDb = await freshDatabase(workDir, 'ingest');
  // The channel row must exist before the floor writes (the app creates it at start).
  const ingestPerSecond = await measureIngest(ingestDb.url, stream);
  return { messages: total, contacts, ingestPerSecond, floorPerSecond, ratio: ingestPerSecond / floorPerSecond };
}
