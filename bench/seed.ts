import Database from 'better-sqlite3';
import { Client } from 'pg';
import { buildDataSourceOptions, parseDatabaseUrl } from '@app/platform/database/database-options';
import { openDatabase } from '@app/platform/database/open-database';
import { migrations } from '@app/platform/database/migrations';
import { ENTITIES } from '../apps/inbox/src/app.module';

/**
 * Realistic data for the benchmarks: contacts spread over Telegram, WhatsApp, e-mail and the web chat,
 * Russian and English texts, most conversations short and a long tail of busy ones.
 */
export const CHANNELS = [
  { id: 'tg-main', type: 'telegram', name: 'Telegram' },
  { id: 'wa-main', type: 'whatsapp', name: 'WhatsApp' },
  { id: 'mail', type: 'email', name: 'Support mailbox' },
  { id: 'webchat', type: 'webchat', name: 'Web chat' },
];
export const AGENTS = 20;

const TEXTS_RU = [
  'Здравствуйте! Не приходит код подтверждения, что делать?', 'Добрый день, не могу отправить отчёт в налоговую',
  'Подскажите, как поменять реквизиты в счёте?', 'Спасибо, всё заработало!', 'Оплатил, но доступ так и не появился',
  'Когда будет готов ответ по моему обращению?', 'Не открывается личный кабинет, пишет ошибку 500',
];
const TEXTS_EN = [
  'Hi, I cannot log in to my account', 'My order has not arrived yet, can you check?', 'Thanks, that solved it!',
  'How do I change the invoice details?', 'The app crashes when I upload a document',
];

/** A small deterministic generator, so two runs seed the same data. */
export function rng(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function textOf(r: () => number): string {
  const list = r() < 0.75 ? TEXTS_RU : TEXTS_EN;
  return list[Math.floor(r() * list.length)];
}

/** Runs the migrations on an empty database (as the server would at its first start). */
export async function migrate(databaseUrl: string): Promise<void> {
  const target = parseDatabaseUrl(databaseUrl);
  const ds = await openDatabase(target, buildDataSourceOptions(target, { entities: ENTITIES, migrations }), { holdFile: false });
  await ds.destroy();
}

export interface SeedSpec {
  /** Conversations to have in total after this call (seeding adds the missing ones). */
  conversations: number;
  messagesPerConversation: number;
  /**
   * Deadlines: `list` spreads open conversations around now (a tenth overdue); a window puts every new
   * conversation's deadline in [start, end), evenly spaced or at random, as the SLA bench wants.
   */
  deadlines: 'list' | { start: number; end: number; even: boolean };
}

interface Writer {
  count(table: string): Promise<number>;
  insertMany(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  close(): Promise<void>;
}

/** Seeds (or grows) the database to `spec.conversations` conversations; returns the seconds it took. */
export async function seed(databaseUrl: string, spec: SeedSpec, log: (s: string) => void = () => undefined): Promise<number> {
  const started = Date.now();
  const w = await writer(databaseUrl);
  try {
    for (const c of CHANNELS) {
      if ((await w.count(`channels WHERE id = '${c.id}'`)) === 0) await w.insertMany('channels', ['id', 'type', 'name', 'createdAt'], [[c.id, c.type, c.name, Date.now()]]);
    }
    if ((await w.count('agents')) === 0) {
      await w.insertMany('agents', ['name', 'email', 'role', 'active', 'capacity', 'createdAt'],
        Array.from({ length: AGENTS }, (_, i) => [`Agent ${i + 1}`, `agent${i + 1}@bench.local`, 'agent', true, 5, Date.now()]));
    }
    const have = await w.count('conversations');
    const r = rng(have + 1);
    const now = Date.now();
    const BATCH = 2000;
    for (let start = have; start < spec.conversations; start += BATCH) {
      const n = Math.min(BATCH, spec.conversations - start);
      const contacts: unknown[][] = [];
      const identities: unknown[][] = [];
      const conversations: unknown[][] = [];
      const messages: unknown[][] = [];
      for (let k = 0; k < n; k++) {
        const id = start + k + 1; // contacts, identities and conversations are created 1:1 here
        const channel = CHANNELS[id % CHANNELS.length];
        const ru = r() < 0.75;
        const name = ru ? `Клиент ${id}` : `Customer ${id}`;
        const created = now - Math.floor(r() * 30 * 86_400_000);
        contacts.push([name, created, null]);
        identities.push([id, channel.id, channel.type === 'email' ? `c${id}@example.com` : `ext-${id}`, name, created]);
        const open = spec.deadlines === 'list' ? r() < 0.6 : true;
        const status = open ? 'open' : r() < 0.25 ? 'pending' : 'resolved';
        let dueAt: number | null = null;
        let warnAt: number | null = null;
        let slaState = 'ok';
        if (open && spec.deadlines === 'list') {
          dueAt = now + Math.floor((r() - 0.1) * 3_600_000); // a tenth already overdue
          warnAt = dueAt - 60_000;
          slaState = dueAt < now ? 'breached' : 'ok';
        } else if (open && spec.deadlines !== 'list') {
          const d = spec.deadlines;
          const share = d.even ? (id - have - 1) / (spec.conversations - have) : r();
          dueAt = d.start + Math.floor(share * (d.end - d.start));
          warnAt = dueAt - 120_000;
          slaState = 'warning'; // warned already: the clock's next step is the breach
        }
        const assignee = r() < 0.7 ? 1 + Math.floor(r() * AGENTS) : null;
        // A long tail: most conversations have a few messages, some have many.
        const count = spec.messagesPerConversation === 0 ? 0 : Math.max(1, Math.round(spec.messagesPerConversation * (r() < 0.05 ? 8 : 0.63) * (0.5 + r())));
        const last = created + count * 60_000;
        const text = textOf(r);
        conversations.push([channel.id, id, id, status, assignee, channel.type === 'email' ? text.slice(0, 60) : null, text, last, last,
          open, created, dueAt, null, null, null, dueAt, warnAt, slaState, null, created, last]);
        for (let m = 0; m < count; m++) {
          const inbound = m % 2 === 0;
          messages.push([id, channel.id, inbound ? 'in' : 'out', textOf(r), null, null, inbound ? null : assignee, false,
            inbound ? `${channel.id}-${id}-${m}` : null, inbound ? null : 'delivered', null, null, null, null, null, created + m * 60_000]);
        }
      }
      await w.insertMany('contacts', ['name', 'createdAt', 'mergedIntoId'], contacts);
      await w.insertMany('contact_identities', ['contactId', 'channelId', 'externalId', 'displayName', 'createdAt'], identities);
      await w.insertMany('conversations', ['channelId', 'contactId', 'identityId', 'status', 'assigneeId', 'subject', 'lastMessagePreview',
        'lastMessageAt', 'lastInboundAt', 'awaitingReply', 'waitingSince', 'firstResponseDueAt', 'nextResponseDueAt', 'resolutionDueAt',
        'firstRespondedAt', 'dueAt', 'warnAt', 'slaState', 'slaClock', 'createdAt', 'updatedAt'], conversations);
      if (messages.length) {
        await w.insertMany('messages', ['conversationId', 'channelId', 'direction', 'body', 'bodyHtml', 'attachments', 'authorId', 'automatic',
          'externalId', 'deliveryStatus', 'error', 'meta', 'sentAt', 'editedAt', 'originalBody', 'createdAt'], messages);
      }
      if ((start / BATCH) % 50 === 0) log(`  seeded ${start + n} conversations`);
    }
  } finally {
    await w.close();
  }
  return (Date.now() - started) / 1000;
}

async function writer(databaseUrl: string): Promise<Writer> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'sqlite') {
    const db = new Database(target.location);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const statements = new Map<string, Database.Statement>();
    return {
      count: async (table) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
      insertMany: async (table, columns, rows) => {
        const sql = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        let stmt = statements.get(sql);
        if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
        const s = stmt;
        db.transaction(() => rows.forEach((row) => s.run(...row.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)))))();
      },
      close: async () => { db.close(); },
    };
  }
  const client = new Client({ connectionString: target.location, options: target.schema ? `-c search_path=${target.schema}` : undefined });
  await client.connect();
  return {
    count: async (table) => Number((await client.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n),
    insertMany: async (table, columns, rows) => {
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        const params: unknown[] = [];
        const values = chunk.map((row) => `(${row.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`).join(', ');
        await client.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`, params);
      }
    },
    close: async () => client.end(),
  };
}
