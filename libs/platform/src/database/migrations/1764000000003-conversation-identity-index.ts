import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** Ingest finds a chat's open conversation by the sender's identity on every message. */
export class ConversationIdentityIndex1764000000003 implements MigrationInterface {
  name = 'ConversationIdentityIndex1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('conversations', new TableIndex({ name: 'IDX_conversation_identity', columnNames: ['identityId', 'status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('conversations', 'IDX_conversation_identity');
  }
}
