import http from 'node:http';
import { rawFloorWriter } from './raw-floor';

/**
 * The floor of the webhook path: a bare node:http server that reads the same Telegram update, checks the
 * same secret header, and inserts it with better-sqlite3 (one autocommit insert per update, a conversation
 * per chat kept in a Map) on the same schema, WAL and synchronous setting as the inbox — no framework, no
 * dedupe, no SLA, no events. Started as its own process by the bench: `node … bare-webhook-server.ts <file> <secret>`.
 */
const [file, secret] = process.argv.slice(2);
const floor = rawFloorWriter(file);
floor.db.prepare(`INSERT OR IGNORE INTO channels (id, type, name, "createdAt") VALUES ('tg', 'telegram', 'Telegram', ?)`).run(Date.now());

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
    floor.write('tg', String(m.chat.id), m.from.first_name, m.text, `${m.chat.id}:${m.message_id}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`listening on http://localhost:${port}`);
});
