import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Routing: teams (a line, the channels they take, members and leads, an overflow team), each agent's availability
 * and capacity, the team a conversation waits in and since when, a contact's account owner, and the history of
 * every move between teams.
 */
export class Routing1764000000900 implements MigrationInterface {
  name = 'Routing1764000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'teams',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'name', type: 'varchar', length: '100' },
        { name: 'line', type: 'integer', default: 1 },
        { name: 'channels', type: 'text', default: "''" },
        { name: 'assignment', type: 'varchar', length: '8', default: "'manual'" },
        { name: 'overflowTeamId', type: 'integer', isNullable: true },
        { name: 'overflowAfterSeconds', type: 'integer', isNullable: true },
        { name: 'createdAt', type: 'bigint' },
      ],
      uniques: [{ columnNames: ['name'] }],
    }));
    await q.createTable(new Table({
      name: 'team_members',
      columns: [
        { name: 'teamId', type: 'integer', isPrimary: true },
        { name: 'agentId', type: 'integer', isPrimary: true },
        { name: 'lead', type: 'boolean', default: false },
      ],
      indices: [{ name: 'IDX_team_member_agent', columnNames: ['agentId'] }],
      foreignKeys: [
        { columnNames: ['teamId'], referencedTableName: 'teams', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        { columnNames: ['agentId'], referencedTableName: 'agents', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
      ],
    }));
    await q.createTable(new Table({
      name: 'routing_moves',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'conversationId', type: 'integer' },
        { name: 'kind', type: 'varchar', length: '16' },
        { name: 'fromTeamId', type: 'integer', isNullable: true },
        { name: 'toTeamId', type: 'integer', isNullable: true },
        { name: 'fromAgentId', type: 'integer', isNullable: true },
        { name: 'agentId', type: 'integer', isNullable: true },
        { name: 'note', type: 'text', isNullable: true },
        { name: 'at', type: 'bigint' },
      ],
      indices: [{ name: 'IDX_routing_move_conversation', columnNames: ['conversationId', 'id'] }],
      foreignKeys: [{ columnNames: ['conversationId'], referencedTableName: 'conversations', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
    }));
    await q.addColumns('agents', [
      new TableColumn({ name: 'availability', type: 'varchar', length: '8', default: "'offline'" }),
      /** Set while the agent is away (offline or disconnected): when the grace period ends. */
      new TableColumn({ name: 'awayDueAt', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'routingCapacity', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'lastAssignedAt', type: 'bigint', isNullable: true }),
    ]);
    await q.addColumns('conversations', [
      new TableColumn({ name: 'teamId', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'queuedAt', type: 'bigint', isNullable: true }),
    ]);
    await q.createIndex('conversations', new TableIndex({ name: 'IDX_conversation_team_queue', columnNames: ['teamId', 'status', 'assigneeId'] }));
    await q.createIndex('conversations', new TableIndex({ name: 'IDX_conversation_assignee_status', columnNames: ['assigneeId', 'status'] }));
    await q.addColumn('contacts', new TableColumn({ name: 'ownerId', type: 'integer', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('contacts', 'ownerId');
    await q.dropIndex('conversations', 'IDX_conversation_assignee_status');
    await q.dropIndex('conversations', 'IDX_conversation_team_queue');
    await q.dropColumn('conversations', 'queuedAt');
    await q.dropColumn('conversations', 'teamId');
    for (const c of ['lastAssignedAt', 'routingCapacity', 'awayDueAt', 'availability']) await q.dropColumn('agents', c);
    await q.dropTable('routing_moves', true);
    await q.dropTable('team_members', true);
    await q.dropTable('teams', true);
  }
}
