import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Canned replies (a short code, a title, a liquid body; scoped to everyone, a team or one agent) and labels with
 * colours put on conversations. `searchText` is the reply lower-cased by the application, because SQLite's
 * LOWER() folds only ASCII and the replies are mostly Russian. `teamId` is a plain integer: teams arrive apart.
 */
export class CannedRepliesAndLabels1764000001100 implements MigrationInterface {
  name = 'CannedRepliesAndLabels1764000001100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'canned_replies',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'shortCode', type: 'varchar', length: '50' },
        { name: 'title', type: 'varchar', length: '200' },
        { name: 'body', type: 'text' },
        { name: 'searchText', type: 'text' },
        { name: 'scope', type: 'varchar', length: '16' },
        { name: 'teamId', type: 'integer', isNullable: true },
        { name: 'ownerId', type: 'integer', isNullable: true },
        { name: 'createdById', type: 'integer' },
        { name: 'createdAt', type: 'bigint' },
        { name: 'updatedAt', type: 'bigint' },
      ],
      indices: [{ name: 'IDX_canned_replies_scope', columnNames: ['scope', 'ownerId'] }, { name: 'IDX_canned_replies_code', columnNames: ['shortCode'] }],
    }));
    await q.createTable(new Table({
      name: 'labels',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'name', type: 'varchar', length: '50' },
        // The name lower-cased by the application: "Срочно" and "срочно" are one label.
        { name: 'nameKey', type: 'varchar', length: '50', isUnique: true },
        { name: 'color', type: 'varchar', length: '7' },
        { name: 'createdAt', type: 'bigint' },
      ],
    }));
    await q.createTable(new Table({
      name: 'conversation_labels',
      columns: [
        { name: 'conversationId', type: 'integer', isPrimary: true },
        { name: 'labelId', type: 'integer', isPrimary: true },
        { name: 'addedById', type: 'integer' },
        { name: 'addedAt', type: 'bigint' },
      ],
      indices: [{ name: 'IDX_conversation_labels_label', columnNames: ['labelId', 'conversationId'] }],
      foreignKeys: [
        { columnNames: ['conversationId'], referencedTableName: 'conversations', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        { columnNames: ['labelId'], referencedTableName: 'labels', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('conversation_labels', true);
    await q.dropTable('labels', true);
    await q.dropTable('canned_replies', true);
  }
}
