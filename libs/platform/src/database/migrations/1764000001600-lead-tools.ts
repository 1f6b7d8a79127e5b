import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKeyOptions } from 'typeorm';

const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
const time = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable });
const conversationFk: TableForeignKeyOptions = { columnNames: ['conversationId'], referencedTableName: 'conversations', referencedColumnNames: ['id'], onDelete: 'CASCADE' };
const parentFk = (column: string, table: string): TableForeignKeyOptions => ({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });

/**
 * The team lead's tools: incidents with their linked conversations and updates, feature requests and who asked,
 * the messages both send to many conversations (one row per source and conversation, so a repeat sends nothing),
 * and the weekly quality review (settings, rounds with their seed, assignments with scores and answers).
 */
export class LeadTools1764000001600 implements MigrationInterface {
  name = 'LeadTools1764000001600';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'incidents',
      columns: [
        id, { name: 'title', type: 'varchar', length: '200' }, { name: 'description', type: 'text' },
        { name: 'status', type: 'varchar', length: '16' }, { name: 'createdById', type: 'integer', isNullable: true },
        time('createdAt'), time('resolvedAt', true),
      ],
    }));
    await q.createTable(new Table({
      name: 'incident_links',
      columns: [id, { name: 'incidentId', type: 'integer' }, { name: 'conversationId', type: 'integer' }, { name: 'linkedById', type: 'integer', isNullable: true }, time('linkedAt')],
      indices: [{ name: 'UQ_incident_link', columnNames: ['incidentId', 'conversationId'], isUnique: true }, { name: 'IDX_incident_link_conversation', columnNames: ['conversationId'] }],
      foreignKeys: [parentFk('incidentId', 'incidents'), conversationFk],
    }));
    await q.createTable(new Table({
      name: 'incident_updates',
      columns: [
        id, { name: 'incidentId', type: 'integer' }, { name: 'body', type: 'text' }, { name: 'authorId', type: 'integer', isNullable: true },
        { name: 'idempotencyKey', type: 'varchar', length: '100' }, { name: 'final', type: 'boolean', default: false }, time('createdAt'),
      ],
      indices: [{ name: 'UQ_incident_update_key', columnNames: ['incidentId', 'idempotencyKey'], isUnique: true }],
      foreignKeys: [parentFk('incidentId', 'incidents')],
    }));
    await q.createTable(new Table({
      name: 'broadcast_deliveries',
      columns: [
        id, { name: 'source', type: 'varchar', length: '64' }, { name: 'conversationId', type: 'integer' }, { name: 'channelId', type: 'varchar', length: '64' },
        { name: 'messageId', type: 'integer', isNullable: true }, { name: 'status', type: 'varchar', length: '16' }, { name: 'reason', type: 'text', isNullable: true },
        time('createdAt'),
      ],
      indices: [{ name: 'UQ_broadcast_delivery', columnNames: ['source', 'conversationId'], isUnique: true }],
      foreignKeys: [conversationFk],
    }));
    await q.createTable(new Table({
      name: 'feature_requests',
      columns: [
        id, { name: 'title', type: 'varchar', length: '200' }, { name: 'titleKey', type: 'varchar', length: '200', isUnique: true },
        { name: 'status', type: 'varchar', length: '16' }, { name: 'createdById', type: 'integer', isNullable: true }, time('createdAt'),
        time('shippedAt', true), { name: 'shipMessage', type: 'text', isNullable: true },
      ],
    }));
    await q.createTable(new Table({
      name: 'feature_request_asks',
      columns: [
        id, { name: 'featureRequestId', type: 'integer' }, { name: 'conversationId', type: 'integer' }, { name: 'contactId', type: 'integer' },
        { name: 'channelId', type: 'varchar', length: '64' }, { name: 'agentId', type: 'integer', isNullable: true },
        { name: 'workaround', type: 'text', isNullable: true }, time('createdAt'),
      ],
      indices: [{ name: 'UQ_feature_request_ask', columnNames: ['featureRequestId', 'conversationId'], isUnique: true }],
      foreignKeys: [parentFk('featureRequestId', 'feature_requests'), conversationFk],
    }));
    await q.createTable(new Table({
      name: 'review_settings',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true }, { name: 'weekday', type: 'integer' }, { name: 'hour', type: 'integer' },
        { name: 'timeZone', type: 'varchar', length: '64' }, { name: 'perAgent', type: 'integer' }, { name: 'criteria', type: 'text' },
        { name: 'longMessages', type: 'integer' }, time('updatedAt'),
      ],
    }));
    await q.createTable(new Table({
      name: 'review_rounds',
      columns: [
        id, { name: 'weekStart', type: 'varchar', length: '10', isUnique: true }, { name: 'seed', type: 'varchar', length: '64' },
        time('periodFrom'), time('periodTo'), { name: 'status', type: 'varchar', length: '16' }, time('dueAt'), time('pickedAt', true),
        { name: 'candidates', type: 'integer', default: 0 },
      ],
    }));
    await q.createTable(new Table({
      name: 'review_assignments',
      columns: [
        id, { name: 'roundId', type: 'integer' }, { name: 'conversationId', type: 'integer', isUnique: true },
        { name: 'agentId', type: 'integer' }, { name: 'reviewerId', type: 'integer', isNullable: true }, { name: 'reasons', type: 'text' },
        { name: 'status', type: 'varchar', length: '16' }, { name: 'scores', type: 'text', isNullable: true }, { name: 'comment', type: 'text', isNullable: true },
        time('reviewedAt', true), { name: 'answer', type: 'text', isNullable: true }, time('answeredAt', true), time('createdAt'),
      ],
      indices: [{ name: 'IDX_review_assignment_agent', columnNames: ['agentId'] }, { name: 'IDX_review_assignment_round', columnNames: ['roundId'] }],
      foreignKeys: [parentFk('roundId', 'review_rounds'), conversationFk],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['review_assignments', 'review_rounds', 'review_settings', 'feature_request_asks', 'feature_requests', 'broadcast_deliveries', 'incident_updates', 'incident_links', 'incidents']) {
      await q.dropTable(table, true);
    }
  }
}
