import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Whether the bot holds a conversation (bot-hold.ts), as a plain column beside the `bot` JSON it follows: the inbox
 * list hides those conversations by default and shows them alone on its "With the bot" tab, and both are plain
 * comparisons (the second walks its own index) instead of a pattern match on JSON text for every row.
 */
export class HeldByBot1764000001900 implements MigrationInterface {
  name = 'HeldByBot1764000001900';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('conversations', new TableColumn({ name: 'heldByBot', type: 'boolean', default: false }));
    await q.query(`UPDATE conversations SET "heldByBot" = ${q.connection.options.type === 'postgres' ? 'true' : '1'}
      WHERE bot IS NOT NULL AND bot NOT LIKE '%"state":"handed_over"%'`);
    await q.createIndex('conversations', new TableIndex({ name: 'IDX_conversation_held_by_bot', columnNames: ['heldByBot', 'waitingSince', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('conversations', 'IDX_conversation_held_by_bot');
    await q.dropColumn('conversations', 'heldByBot');
  }
}
