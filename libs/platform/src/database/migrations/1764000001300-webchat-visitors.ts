import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * The web chat's server-issued visitor tokens (kept only as their SHA-256), and the customer's language and
 * pre-chat topic on a conversation.
 */
export class WebchatVisitors1764000001300 implements MigrationInterface {
  name = 'WebchatVisitors1764000001300';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'webchat_visitors',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'channelId', type: 'varchar', length: '64' },
        { name: 'tokenHash', type: 'varchar', length: '64', isUnique: true },
        // The contact identity's externalId: a public random id, or `user:<userId>` for a verified user.
        { name: 'identityKey', type: 'varchar', length: '320' },
        { name: 'verifiedUserId', type: 'varchar', length: '200', isNullable: true },
        // What the visitor told (pre-chat form) or the site vouched for (verified identity).
        { name: 'name', type: 'varchar', length: '200', isNullable: true },
        { name: 'email', type: 'varchar', length: '320', isNullable: true },
        { name: 'createdAt', type: 'bigint' },
      ],
      indices: [{ name: 'IDX_webchat_visitor_identity', columnNames: ['channelId', 'identityKey'] }],
    }));
    await q.addColumn('conversations', new TableColumn({ name: 'language', type: 'varchar', length: '16', isNullable: true }));
    await q.addColumn('conversations', new TableColumn({ name: 'topic', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('conversations', 'topic');
    await q.dropColumn('conversations', 'language');
    await q.dropTable('webchat_visitors', true);
  }
}
