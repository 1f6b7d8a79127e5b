import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The message whose choices a typed reply may still answer, kept on its conversation (`offerMessageId`): ingest finds
 * a batch's open offers by one look-up in a small partial index, instead of finding the latest message of every
 * conversation of every sender in the batch. Filled here from the messages already stored.
 */
export class ConversationOffer1764000002000 implements MigrationInterface {
  name = 'ConversationOffer1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('conversations', new TableColumn({ name: 'offerMessageId', type: 'integer', isNullable: true }));
    await q.query(`UPDATE conversations SET "offerMessageId" = (
        SELECT m.id FROM messages m
         WHERE m.id = (SELECT MAX(x.id) FROM messages x WHERE x."conversationId" = conversations.id AND x.direction <> 'note')
           AND m.direction = 'out' AND m.choices IS NOT NULL)
      WHERE id IN (SELECT "conversationId" FROM messages WHERE choices IS NOT NULL)`);
    // Partial: only conversations with an open offer are in it, and ingest's look-up names the same condition.
    await q.query('CREATE INDEX "IDX_conversation_open_offer" ON conversations ("identityId") WHERE "offerMessageId" IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "IDX_conversation_open_offer"');
    await q.dropColumn('conversations', 'offerMessageId');
  }
}
