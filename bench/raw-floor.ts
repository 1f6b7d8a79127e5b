import Database from 'better-sqlite3';

/**
 * The floors' writes, shared by the ingest floor and the bare webhook server: the same rows the inbox writes
 * (a contact, identity and conversation per new sender, then the message) through better-sqlite3 prepared
 * statements, a conversation per sender kept in a Map — no dedupe, no SLA, no events. Depends on nothing of ours,
 * so the bare server can load it without the app's path mapping.
 */
export function rawFloorWriter(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const contact = db.prepare('INSERT INTO contacts (name, "createdAt") VALUES (?, ?)');
  const identity = db.prepare('INSERT INTO contact_identities ("contactId", "channelId", "externalId", "displayName", "createdAt") VALUES (?, ?, ?, ?, ?)');
  const conversation = db.prepare(`INSERT INTO conversations ("channelId", "contactId", "identityId", status, "lastMessageAt", "awaitingReply", "waitingSince", "slaState", "createdAt", "updatedAt")
    VALUES (?, ?, ?, 'open', ?, 1, ?, 'ok', ?, ?)`);
  const message = db.prepare(`INSERT INTO messages ("conversationId", "channelId", direction, body, automatic, "externalId", "createdAt") VALUES (?, ?, 'in', ?, 0, ?, ?)`);
  const conversationOf = new Map<string, number>();
  return {
    db,
    /** Writes one inbound message (and its sender's rows the first time). */
    write(channelId: string, senderId: string, senderName: string | null | undefined, text: string, externalId: string, now = Date.now()): void {
      let conversationId = conversationOf.get(senderId);
      if (conversationId === undefined) {
        const c = Number(contact.run(senderName, now).lastInsertRowid);
        const i = Number(identity.run(c, channelId, senderId, senderName, now).lastInsertRowid);
        conversationId = Number(conversation.run(channelId, c, i, now, now, now, now).lastInsertRowid);
        conversationOf.set(senderId, conversationId);
      }
      message.run(conversationId, channelId, text, externalId, now);
    },
  };
}
