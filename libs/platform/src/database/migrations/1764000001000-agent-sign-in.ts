import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/** Sign-in that lasts: agents' password hashes, browser sessions, one-time sign-in links and the first-run claim. */
export class AgentSignIn1764000001000 implements MigrationInterface {
  name = 'AgentSignIn1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('agents', new TableColumn({ name: 'passwordHash', type: 'varchar', length: '200', isNullable: true }));
    await q.createTable(new Table({
      name: 'agent_sessions',
      columns: [
        { name: 'idHash', type: 'varchar', length: '64', isPrimary: true },
        { name: 'agentId', type: 'integer' },
        { name: 'csrfHash', type: 'varchar', length: '64' },
        { name: 'createdAt', type: 'bigint' },
        { name: 'expiresAt', type: 'bigint' },
      ],
      indices: [{ name: 'IDX_agent_session_agent', columnNames: ['agentId'] }],
      foreignKeys: [{ columnNames: ['agentId'], referencedTableName: 'agents', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
    await q.createTable(new Table({
      name: 'sign_in_links',
      columns: [
        { name: 'tokenHash', type: 'varchar', length: '64', isPrimary: true },
        { name: 'agentId', type: 'integer' },
        { name: 'createdAt', type: 'bigint' },
        { name: 'expiresAt', type: 'bigint' },
      ],
      foreignKeys: [{ columnNames: ['agentId'], referencedTableName: 'agents', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
    await q.createTable(new Table({
      name: 'setup_claims',
      columns: [{ name: 'key', type: 'varchar', length: '64', isPrimary: true }, { name: 'createdAt', type: 'bigint' }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('setup_claims', true);
    await q.dropTable('sign_in_links', true);
    await q.dropTable('agent_sessions', true);
    await q.dropColumn('agents', 'passwordHash');
  }
}
