import { ConversationTx } from './conversation-tx';
import { Conversation } from './entities';
import type { InboundCommand } from './ingest.service';

export interface IdentityRef {
  id: number;
  contactId: number;
}

/** The dedupe key of a message, and of a sender, on its channel. */
export const channelKey = (channelId: string, externalId: string): string => `${channelId}\u0000${externalId}`;

/** Whether the message finds its conversation by its sender alone (chats), not by references or a token (e-mail). */
export const threadsBySender = (cmd: InboundCommand): boolean =>
  !cmd.threadedByReferences && !cmd.threadRefs?.length && !cmd.threadToken;

const byChannel = <T>(items: T[], channelOf: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(channelOf(item));
    if (group) group.push(item);
    else groups.set(channelOf(item), [item]);
  }
  return groups;
};

/**
 * The set-based reads and inserts of one ingest batch: each step is one statement for the whole batch (per
 * channel), whatever its size, instead of one per message.
 */
export const InboundBatch = {
  /** Messages of the batch already stored (redelivered), by `channelKey`. */
  async storedMessages(tx: ConversationTx, cmds: InboundCommand[]): Promise<Map<string, { id: number; conversationId: number }>> {
    const found = new Map<string, { id: number; conversationId: number }>();
    for (const [channelId, group] of byChannel(cmds, (c) => c.channelId)) {
      const list = tx.sql.inList('"externalId"', [...new Set(group.map((c) => c.externalId))]);
      const rows = await tx.sql.all<{ id: number; conversationId: number; externalId: string }>(
        `SELECT id, "conversationId", "externalId" FROM messages WHERE "channelId" = ? AND ${list.sql}`, [channelId, list.param]);
      for (const r of rows) found.set(channelKey(channelId, r.externalId), { id: Number(r.id), conversationId: Number(r.conversationId) });
    }
    return found;
  },

  /**
   * The senders' identities, by `channelKey(channel, sender id)`: found (locked on PostgreSQL, in id order, so
   * messages of one sender are stored one transaction at a time across processes), or created with their contacts.
   * A changed display name is kept (the last one in the batch).
   */
  async identities(tx: ConversationTx, cmds: InboundCommand[], now: Date): Promise<Map<string, IdentityRef>> {
    const result = new Map<string, IdentityRef>();
    const lock = tx.sql.postgres ? ' ORDER BY id FOR NO KEY UPDATE' : '';
    for (const [channelId, group] of byChannel(cmds, (c) => c.channelId)) {
      const lastName = new Map<string, string | null | undefined>();
      for (const cmd of group) lastName.set(cmd.sender.externalId, cmd.sender.name || lastName.get(cmd.sender.externalId));
      const list = tx.sql.inList('"externalId"', [...lastName.keys()]);
      // As arrays: a row object costs more than its look-up, and a batch reads thousands.
      const { rows } = await tx.sql.allArrays(
        `SELECT id, "contactId", "externalId", "displayName" FROM contact_identities WHERE "channelId" = ? AND ${list.sql}${lock}`, [channelId, list.param]);
      for (const [id, contactId, externalId, displayName] of rows as Array<[number, number, string, string | null]>) {
        result.set(channelKey(channelId, externalId), { id: Number(id), contactId: Number(contactId) });
        const name = lastName.get(externalId);
        if (name && name !== displayName) await tx.sql.run('UPDATE contact_identities SET "displayName" = ? WHERE id = ?', [name, id]);
      }
      const missing = [...lastName.keys()].filter((id) => !result.has(channelKey(channelId, id)));
      if (!missing.length) continue;
      const at = now.getTime();
      const contactIds = await tx.sql.insertMany('contacts', ['name', 'createdAt', 'mergedIntoId'], missing.map((id) => [lastName.get(id) || id, at, null]));
      const identityIds = await tx.sql.insertMany('contact_identities', ['contactId', 'channelId', 'externalId', 'displayName', 'createdAt'],
        missing.map((id, i) => [contactIds[i], channelId, id, lastName.get(id) ?? null, at]));
      missing.forEach((id, i) => result.set(channelKey(channelId, id), { id: identityIds[i], contactId: contactIds[i] }));
    }
    return result;
  },

  /** The open (not resolved) conversation of each identity, the newest where there are several, locked on PostgreSQL. */
  async openConversations(tx: ConversationTx, identityIds: number[]): Promise<Map<number, Conversation>> {
    const open = new Map<number, Conversation>();
    if (!identityIds.length) return open;
    const list = tx.sql.inList('"identityId"', [...new Set(identityIds)]);
    for (const c of await tx.conversations(`${list.sql} AND status <> ?`, [list.param, 'resolved'])) open.set(c.identityId, c);
    return open;
  },
};
