import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * The agent's working day: a snoozed conversation's wake-up moment, the assignee's unread count, reminders on
 * notes (one row each, `firedAt` set once by the timer that wins it) and the agents a note mentions.
 */
export class SnoozeRemindersMentions1764000001200 implements MigrationInterface {
  name = 'SnoozeRemindersMentions1764000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('conversations', [
      new TableColumn({ name: 'snoozedUntil', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'unreadCount', type: 'integer', default: 0 }),
    ]);
    // The sweep at start reads the snoozed conversations through it.
    await q.createIndex('conversations', new TableIndex({ name: 'IDX_conversation_snoozed_until', columnNames: ['snoozedUntil'] }));
    await q.createTable(new Table({
      name: 'reminders',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'conversationId', type: 'integer' },
        { name: 'messageId', type: 'integer' },
        { name: 'agentId', type: 'integer' },
        { name: 'createdById', type: 'integer', isNullable: true },
        { name: 'remindAt', type: 'bigint' },
        { name: 'firedAt', type: 'bigint', isNullable: true },
        { name: 'createdAt', type: 'bigint' },
      ],
      indices: [
        { name: 'IDX_reminder_agent', columnNames: ['agentId', 'remindAt'] },
        { name: 'IDX_reminder_due', columnNames: ['firedAt', 'remindAt'] },
        { name: 'IDX_reminder_message', columnNames: ['messageId'] },
      ],
      foreignKeys: [{ columnNames: ['conversationId'], referencedTableName: 'conversations', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
    await q.createTable(new Table({
      name: 'mentions',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'conversationId', type: 'integer' },
        { name: 'messageId', type: 'integer' },
        { name: 'agentId', type: 'integer' },
        { name: 'byAgentId', type: 'integer', isNullable: true },
        { name: 'createdAt', type: 'bigint' },
      ],
      indices: [
        { name: 'IDX_mention_agent', columnNames: ['agentId', 'createdAt'] },
        { name: 'IDX_mention_message', columnNames: ['messageId'] },
      ],
      foreignKeys: [{ columnNames: ['conversationId'], referencedTableName: 'conversations', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('mentions', true);
    await q.dropTable('reminders', true);
    await q.dropIndex('conversations', 'IDX_conversation_snoozed_until');
    await q.dropColumn('conversations', 'unreadCount');
    await q.dropColumn('conversations', 'snoozedUntil');
  }
}
