import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes of the hot reads: ingest finds a chat's open conversation by the sender's identity on every
 * message; the inbox list filtered by channel or assignee walks its own queue in deadline order instead of
 * filtering the global one.
 */
export class ConversationIdentityIndex1764000000003 implements MigrationInterface {
  name = 'ConversationIdentityIndex1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('conversations', new TableIndex({ name: 'IDX_conversation_identity', columnNames: ['identityId', 'status'] }));
    await q.createIndex('conversations', new TableIndex({ name: 'IDX_conversation_channel_queue', columnNames: ['channelId', 'status', 'dueAt', 'waitingSince', 'id'] }));
    await q.createIndex('conversations', new TableIndex({ name: 'IDX_conversation_assignee_queue', columnNames: ['assigneeId', 'status', 'dueAt', 'waitingSince', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('conversations', 'IDX_conversation_assignee_queue');
    await q.dropIndex('conversations', 'IDX_conversation_channel_queue');
    await q.dropIndex('conversations', 'IDX_conversation_identity');
  }
}
