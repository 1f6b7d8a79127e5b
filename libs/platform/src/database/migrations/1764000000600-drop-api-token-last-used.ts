import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** `api_tokens.lastUsedAt` was never written: a column that always says "never used" misleads whoever reads it. */
export class DropApiTokenLastUsed1764000000600 implements MigrationInterface {
  name = 'DropApiTokenLastUsed1764000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.dropColumn('api_tokens', 'lastUsedAt');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.addColumn('api_tokens', new TableColumn({ name: 'lastUsedAt', type: 'bigint', isNullable: true }));
  }
}
