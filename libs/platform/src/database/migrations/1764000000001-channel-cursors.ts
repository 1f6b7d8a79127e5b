import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Per-channel progress markers (Telegram update offset, IMAP UIDVALIDITY and last UID), written with the data they cover. */
export class ChannelCursors1764000000001 implements MigrationInterface {
  name = 'ChannelCursors1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'channel_cursors',
      columns: [
        { name: 'channelId', type: 'varchar', length: '64', isPrimary: true },
        { name: 'key', type: 'varchar', length: '200', isPrimary: true },
        { name: 'value', type: 'text' },
        { name: 'updatedAt', type: 'bigint' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('channel_cursors', true);
  }
}
