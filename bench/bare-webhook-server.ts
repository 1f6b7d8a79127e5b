import Database from 'better-sqlite3';
import http from 'node:http';

/**
 * The floor of the webhook path: a bare node:http server that reads the same Telegram update, checks the
 * same secret header, and inserts it with better-sqlite3 (one autocommit insert per update, a conversation
 * per chat kept in a Map) on the same schema, WAL and synchronous setting as the inbox — no framework, no
 * dedupe, no SLA, no events. Started as its own process by the bench: `node … bare-webhook-server.ts <file> <secret>`.
 */
const [file, secret] = process.argv.slice(2);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
const contact = db.prepare('INSERT INTO contacts (name, "createdAt") VALUES (?, ?)');
const identity = db.prepare('INSERT INTO contact_identities ("contactId", "channelId", "externalId", "displayName", "createdAt") VALUES (?, ?, ?, ?, ?)');
const conversation = db.prepare(`INSERT INTO conversations ("channelId", "contactId", "identityId", status, "lastMessageAt", "awaitingReply", "waitingSince", "slaState", "createdAt", "updatedAt")
  VALUES (?, ?, ?, 'open', ?, 1, ?, 'ok', ?, ?)`);
const message = db.prepare(`INSERT INTO messages ("conversationId", "channelId", direction, body, automatic, "externalId", "createdAt") VALUES (?, ?, 'in', ?, 0, ?, ?)`);
const conversationOf = new Map<number, number>();
db.prepare(`INSERT OR IGNORE INTO channels (id, type, name, "createdAt") VALUES ('tg', 'telegram', 'Telegram', ?)`).run(Date.now());

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.headers['x-telegram-bot-api-secret-token'] !== secret) {
      res.writeHead(401).end();
      return;
    }
    const update = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const m = update.message;
    const now = Date.now();
    let conversationId = conversationOf.get(m.chat.id);
    if (conversationId === undefined) {
      const c = Number(contact.run(m.from.first_name, now).lastInsertRowid);
      const i = Number(identity.run(c, 'tg', String(m.chat.id), m.from.first_name, now).lastInsertRowid);
      conversationId = Number(conversation.run('tg', c, i, now, now, now, now).lastInsertRowid);
      conversationOf.set(m.chat.id, conversationId);
    }
    message.run(conversationId, 'tg', m.text, `${m.chat.id}:${m.message_id}`, now);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`listening on http://localhost:${port}`);
});
