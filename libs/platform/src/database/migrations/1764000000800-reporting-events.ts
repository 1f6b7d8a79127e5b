import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** The append-only facts behind the reports (first response, resolution, reopen, assignment, SLA alerts…). */
export class ReportingEvents1764000000800 implements MigrationInterface {
  name = 'ReportingEvents1764000000800';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'reporting_events',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'kind', type: 'varchar', length: '32' },
        { name: 'factKey', type: 'varchar', length: '160', isUnique: true },
        { name: 'conversationId', type: 'integer' },
        { name: 'channelId', type: 'varchar', length: '64' },
        { name: 'agentId', type: 'integer', isNullable: true },
        { name: 'teamId', type: 'varchar', length: '64', isNullable: true },
        { name: 'at', type: 'bigint' },
        { name: 'calendarMs', type: 'bigint', isNullable: true },
        { name: 'businessMs', type: 'bigint', isNullable: true },
        { name: 'targetMet', type: 'boolean', isNullable: true },
        { name: 'messages', type: 'integer', isNullable: true },
        { name: 'startedAt', type: 'bigint', isNullable: true },
      ],
      indices: [{ name: 'IDX_reporting_event_at', columnNames: ['at'] }, { name: 'IDX_reporting_event_conversation', columnNames: ['conversationId', 'kind'] }],
      foreignKeys: [{ columnNames: ['conversationId'], referencedTableName: 'conversations', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('reporting_events', true);
  }
}
