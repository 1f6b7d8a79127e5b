import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/** Buttons offered with an outbound message (`messages.choices`), one satisfaction survey per conversation, and its answer as a reporting event. */
export class ChoicesAndCsat1764000001400 implements MigrationInterface {
  name = 'ChoicesAndCsat1764000001400';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('messages', new TableColumn({ name: 'choices', type: 'text', isNullable: true }));
    // The face of a `survey_answer` reporting event (5 best … 1 worst).
    await q.addColumn('reporting_events', new TableColumn({ name: 'rating', type: 'integer', isNullable: true }));
    await q.createTable(new Table({
      name: 'csat_surveys',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        // One survey per conversation: "asked once" is this unique key.
        { name: 'conversationId', type: 'integer', isUnique: true },
        { name: 'channelId', type: 'varchar', length: '64' },
        { name: 'status', type: 'varchar', length: '16' },
        { name: 'dueAt', type: 'bigint' },
        { name: 'resolvedAt', type: 'bigint' },
        { name: 'agentId', type: 'integer', isNullable: true },
        { name: 'teamId', type: 'varchar', length: '64', isNullable: true },
        { name: 'messageId', type: 'integer', isNullable: true },
        { name: 'skipReason', type: 'text', isNullable: true },
        { name: 'rating', type: 'integer', isNullable: true },
        { name: 'comment', type: 'text', isNullable: true },
        { name: 'answeredAt', type: 'bigint', isNullable: true },
        { name: 'createdAt', type: 'bigint' },
        { name: 'updatedAt', type: 'bigint' },
      ],
      indices: [{ name: 'IDX_csat_due', columnNames: ['status', 'dueAt'] }, { name: 'IDX_csat_answered', columnNames: ['answeredAt'] }],
      foreignKeys: [{ columnNames: ['conversationId'], referencedTableName: 'conversations', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('csat_surveys', true);
    await q.dropColumn('reporting_events', 'rating');
    await q.dropColumn('messages', 'choices');
  }
}
