import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Inbound items that fail to store: counted per item across restarts and processes, then set aside for ops. */
export class InboundQuarantine1764000000100 implements MigrationInterface {
  name = 'InboundQuarantine1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'inbound_quarantine',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'channelId', type: 'varchar', length: '64' },
        { name: 'externalId', type: 'varchar', length: '255' },
        { name: 'status', type: 'varchar', length: '16' },
        { name: 'attempts', type: 'integer' },
        { name: 'error', type: 'text' },
        { name: 'rawFormat', type: 'varchar', length: '16' },
        { name: 'raw', type: 'text', isNullable: true },
        { name: 'messageId', type: 'integer', isNullable: true },
        { name: 'createdAt', type: 'bigint' },
        { name: 'updatedAt', type: 'bigint' },
        { name: 'quarantinedAt', type: 'bigint', isNullable: true },
      ],
    }));
    await q.createIndex('inbound_quarantine', new TableIndex({ name: 'UQ_inbound_quarantine_item', columnNames: ['channelId', 'externalId'], isUnique: true }));
    await q.createIndex('inbound_quarantine', new TableIndex({ name: 'IDX_inbound_quarantine_status', columnNames: ['status', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('inbound_quarantine', true);
  }
}
