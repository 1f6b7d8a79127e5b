import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** The bot's part of a conversation (answering, handed over, closed by it), and the reason a reporting fact carries (why a handover). */
export class Bot1764000001500 implements MigrationInterface {
  name = 'Bot1764000001500';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('conversations', new TableColumn({ name: 'bot', type: 'text', isNullable: true }));
    await q.addColumn('reporting_events', new TableColumn({ name: 'reason', type: 'varchar', length: '32', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('reporting_events', 'reason');
    await q.dropColumn('conversations', 'bot');
  }
}
