import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Outbox rows are claimed by one process at a time: `claimedBy` names the owner and `claimExpiresAt` ends the
 * claim unless the owner renews it, so a crashed owner's rows return to the queue and nobody else's are touched.
 * Delivery receipts that overtake their send are parked in a table (any process may receive them).
 */
export class OutboxClaims1764000000300 implements MigrationInterface {
  name = 'OutboxClaims1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('outbox', [
      new TableColumn({ name: 'claimedBy', type: 'varchar', length: '128', isNullable: true }),
      new TableColumn({ name: 'claimExpiresAt', type: 'bigint', isNullable: true }),
    ]);
    await q.createIndex('outbox', new TableIndex({ name: 'IDX_outbox_claim', columnNames: ['status', 'claimExpiresAt'] }));
    await q.createTable(new Table({
      name: 'early_receipts',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'channelId', type: 'varchar', length: '64' },
        { name: 'externalId', type: 'varchar', length: '255' },
        { name: 'status', type: 'varchar', length: '16' },
        { name: 'error', type: 'text', isNullable: true },
        { name: 'at', type: 'bigint' },
      ],
      indices: [
        { name: 'IDX_early_receipt_key', columnNames: ['channelId', 'externalId'] },
        { name: 'IDX_early_receipt_at', columnNames: ['at'] },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('early_receipts', true);
    await q.dropIndex('outbox', 'IDX_outbox_claim');
    await q.dropColumn('outbox', 'claimExpiresAt');
    await q.dropColumn('outbox', 'claimedBy');
  }
}
