import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** SLA history (warnings, breaches, targets met or missed) and the audit trail of policy changes. */
export class SlaEventsAndPolicyChanges1764000000002 implements MigrationInterface {
  name = 'SlaEventsAndPolicyChanges1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'sla_events',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'conversationId', type: 'integer' },
        { name: 'channelId', type: 'varchar', length: '64' },
        { name: 'kind', type: 'varchar', length: '16' },
        { name: 'target', type: 'varchar', length: '16' },
        { name: 'dueAt', type: 'bigint', isNullable: true },
        { name: 'startedAt', type: 'bigint', isNullable: true },
        { name: 'at', type: 'bigint' },
        { name: 'agentId', type: 'integer', isNullable: true },
      ],
      indices: [{ name: 'IDX_sla_event_at', columnNames: ['at'] }, { columnNames: ['conversationId'] }],
      foreignKeys: [{ columnNames: ['conversationId'], referencedTableName: 'conversations', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
    await q.createTable(new Table({
      name: 'policy_changes',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'scope', type: 'varchar', length: '64' },
        { name: 'agentId', type: 'integer', isNullable: true },
        { name: 'before', type: 'text' },
        { name: 'after', type: 'text' },
        { name: 'overrides', type: 'text' },
        { name: 'at', type: 'bigint' },
      ],
      indices: [{ columnNames: ['scope', 'id'] }],
    }));
    // The SLA clock loads what fires next by this index (warnAt <= every deadline it precedes).
    await q.createIndex('conversations', new TableIndex({ name: 'IDX_conversation_warn', columnNames: ['warnAt'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('conversations', 'IDX_conversation_warn');
    await q.dropTable('policy_changes', true);
    await q.dropTable('sla_events', true);
  }
}
