import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ConversationOffer1764000002000 } from './1764000002000-conversation-offer';
import { migrations } from './index';

/** An install upgraded with messages already stored: each conversation's open offer is filled from them. */
describe('ConversationOffer migration', () => {
  let dataSource: DataSource;
  const dir = mkdtempSync(join(tmpdir(), 'offer-migration-'));
  afterAll(async () => {
    await dataSource?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = async (upTo: typeof migrations) => {
    dataSource = new DataSource({ type: 'better-sqlite3', database: join(dir, 'inbox.sqlite'), migrations: upTo });
    await dataSource.initialize();
    await dataSource.runMigrations();
  };

  it('sets the offer where our latest message (notes aside) offers choices, and nowhere else', async () => {
    const at = migrations.indexOf(ConversationOffer1764000002000);
    await open(migrations.slice(0, at));
    const q = (sql: string, params: unknown[] = []) => dataSource.query(sql, params);
    await q(`INSERT INTO channels (id, type, name, "createdAt") VALUES ('webchat', 'webchat', 'Web chat', 1)`);
    await q(`INSERT INTO contacts (name, "createdAt") VALUES ('Анна', 1)`);
    await q(`INSERT INTO contact_identities ("contactId", "channelId", "externalId", "createdAt") VALUES (1, 'webchat', 'v1', 1)`);
    for (let i = 0; i < 4; i++) {
      await q(`INSERT INTO conversations ("channelId", "contactId", "identityId", status, "lastMessageAt", "waitingSince", "slaState", "createdAt", "updatedAt")
        VALUES ('webchat', 1, 1, 'resolved', 1, 1, 'ok', 1, 1)`);
    }
    const message = (conversationId: number, direction: string, choices: string | null) =>
      q(`INSERT INTO messages ("conversationId", "channelId", direction, body, choices, "createdAt") VALUES (?, 'webchat', ?, 'текст', ?, 1)`, [conversationId, direction, choices]);
    const choices = JSON.stringify([{ id: 'yes', label: 'Да' }]);
    await message(1, 'in', null);
    await message(1, 'out', choices); // 2: open in conversation 1, a note after it
    await message(1, 'note', null);
    await message(2, 'out', choices);
    await message(2, 'in', null); // answered: closed
    await message(3, 'out', null); // never offered
    await message(4, 'out', choices);
    await message(4, 'out', null); // a later message without choices: closed

    await dataSource.destroy();
    await open(migrations.slice(0, at + 1));
    const rows = await q('SELECT id, "offerMessageId" FROM conversations ORDER BY id');
    expect(rows).toEqual([{ id: 1, offerMessageId: 2 }, { id: 2, offerMessageId: null }, { id: 3, offerMessageId: null }, { id: 4, offerMessageId: null }]);
    const plan = await q(`EXPLAIN QUERY PLAN SELECT id FROM conversations c WHERE "identityId" = 1 AND c."offerMessageId" IS NOT NULL`);
    expect(plan.map((r: { detail: string }) => r.detail).join()).toContain('IDX_conversation_open_offer');
  });
});
