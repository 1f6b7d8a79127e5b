import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

// Written with TypeORM's Table API so one migration creates the same schema on SQLite and PostgreSQL.
const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const text = (name: string, length?: number, nullable = false): TableColumnOptions =>
  length ? { name, type: 'varchar', length: String(length), isNullable: nullable } : { name, type: 'text', isNullable: nullable };
const int = (name: string, nullable = false, def?: number): TableColumnOptions => ({
  name, type: 'integer', isNullable: nullable, ...(def === undefined ? {} : { default: def }),
});
const flag = (name: string, def: boolean): TableColumnOptions => ({ name, type: 'boolean', default: def });

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'agents',
      columns: [id, text('name', 200), text('email', 320), text('role', 16), flag('active', true), int('capacity', false, 5), time('createdAt')],
      uniques: [{ columnNames: ['email'] }],
    }));
    await q.createTable(new Table({
      name: 'api_tokens',
      columns: [id, int('agentId'), text('tokenHash', 64), text('label', 100), time('createdAt'), time('lastUsedAt', true)],
      uniques: [{ columnNames: ['tokenHash'] }],
      foreignKeys: [{ columnNames: ['agentId'], referencedTableName: 'agents', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
    await q.createTable(new Table({
      name: 'channels',
      columns: [{ name: 'id', type: 'varchar', length: '64', isPrimary: true }, text('type', 32), text('name', 200), time('createdAt')],
    }));
    await q.createTable(new Table({
      name: 'contacts',
      columns: [id, text('name', 300), time('createdAt'), int('mergedIntoId', true)],
    }));
    await q.createTable(new Table({
      name: 'contact_identities',
      columns: [id, int('contactId'), text('channelId', 64), text('externalId', 320), text('displayName', 300, true), time('createdAt')],
      uniques: [{ name: 'UQ_identity_channel_external', columnNames: ['channelId', 'externalId'] }],
      indices: [{ columnNames: ['contactId'] }],
      foreignKeys: [
        { columnNames: ['contactId'], referencedTableName: 'contacts', referencedColumnNames: ['id'] },
        { columnNames: ['channelId'], referencedTableName: 'channels', referencedColumnNames: ['id'] },
      ],
    }));
    await q.createTable(new Table({
      name: 'conversations',
      columns: [
        id, text('channelId', 64), int('contactId'), int('identityId'), text('status', 16), int('assigneeId', true), text('subject', 500, true),
        text('lastMessagePreview', 300, true), time('lastMessageAt'), time('lastInboundAt', true), flag('awaitingReply', false), time('waitingSince'),
        time('firstResponseDueAt', true), time('nextResponseDueAt', true), time('resolutionDueAt', true),
        time('firstRespondedAt', true), time('dueAt', true), time('warnAt', true), text('slaState', 16), text('slaClock', undefined, true),
        time('createdAt'), time('updatedAt'),
      ],
      indices: [
        // "Most urgent first": the inbox list walks this index in order.
        { name: 'IDX_conversation_queue', columnNames: ['status', 'dueAt', 'waitingSince', 'id'] },
        { name: 'IDX_conversation_due', columnNames: ['dueAt'] },
        { columnNames: ['contactId'] },
      ],
      foreignKeys: [
        { columnNames: ['contactId'], referencedTableName: 'contacts', referencedColumnNames: ['id'] },
        { columnNames: ['identityId'], referencedTableName: 'contact_identities', referencedColumnNames: ['id'] },
        { columnNames: ['channelId'], referencedTableName: 'channels', referencedColumnNames: ['id'] },
        { columnNames: ['assigneeId'], referencedTableName: 'agents', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
      ],
    }));
    await q.createTable(new Table({
      name: 'messages',
      columns: [
        id, int('conversationId'), text('channelId', 64), text('direction', 8), text('body'), text('bodyHtml', undefined, true),
        text('attachments', undefined, true), int('authorId', true), flag('automatic', false), text('externalId', 255, true),
        text('deliveryStatus', 16, true), text('error', undefined, true), text('meta', undefined, true),
        time('sentAt', true), time('editedAt', true), text('originalBody', undefined, true), time('createdAt'),
      ],
      uniques: [{ name: 'UQ_message_channel_external', columnNames: ['channelId', 'externalId'] }],
      indices: [{ name: 'IDX_message_conversation', columnNames: ['conversationId', 'id'] }],
      foreignKeys: [
        { columnNames: ['conversationId'], referencedTableName: 'conversations', referencedColumnNames: ['id'] },
        { columnNames: ['authorId'], referencedTableName: 'agents', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
      ],
    }));
    await q.createTable(new Table({
      name: 'outbox',
      columns: [
        id, int('messageId'), text('channelId', 64), text('status', 16), int('attempts', false, 0), time('nextAttemptAt'),
        text('lastError', undefined, true), time('createdAt'), time('updatedAt'),
      ],
      uniques: [{ columnNames: ['messageId'] }],
      indices: [{ name: 'IDX_outbox_due', columnNames: ['status', 'nextAttemptAt'] }],
      foreignKeys: [{ columnNames: ['messageId'], referencedTableName: 'messages', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'messages', 'conversations', 'contact_identities', 'contacts', 'channels', 'api_tokens', 'agents']) {
      await q.dropTable(table, true);
    }
  }
}
