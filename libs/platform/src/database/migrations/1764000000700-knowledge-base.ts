import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * The knowledge base: articles, their history, their uses in replies, searches that found nothing, and the `kb`
 * permission on agents. Full-text search is each database's own: on PostgreSQL a generated tsvector (the `russian`
 * or `english` configuration by the article's language; title A, tags B, body C) with a GIN index; on SQLite an FTS5
 * table the application fills with Snowball-stemmed terms (libs/knowledge), since SQLite has no Russian stemmer.
 */
export class KnowledgeBase1764000000700 implements MigrationInterface {
  name = 'KnowledgeBase1764000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('agents', new TableColumn({ name: 'permissions', type: 'varchar', length: '200', default: "''" }));
    await q.createTable(new Table({
      name: 'kb_articles',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'title', type: 'varchar', length: '300' },
        { name: 'body', type: 'text' },
        { name: 'bodyHtml', type: 'text' },
        { name: 'plainText', type: 'text' },
        { name: 'category', type: 'varchar', length: '100' },
        { name: 'language', type: 'varchar', length: '2' },
        { name: 'tags', type: 'text' },
        { name: 'status', type: 'varchar', length: '16' },
        { name: 'authorId', type: 'integer' },
        { name: 'updatedById', type: 'integer' },
        { name: 'version', type: 'integer' },
        { name: 'createdAt', type: 'bigint' },
        { name: 'updatedAt', type: 'bigint' },
      ],
      indices: [{ name: 'IDX_kb_articles_listing', columnNames: ['status', 'language', 'category'] }],
    }));
    await q.createTable(new Table({
      name: 'kb_article_revisions',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'articleId', type: 'integer' },
        { name: 'version', type: 'integer' },
        { name: 'editorId', type: 'integer' },
        { name: 'editedAt', type: 'bigint' },
        { name: 'previousTitle', type: 'varchar', length: '300', isNullable: true },
        { name: 'previousBody', type: 'text', isNullable: true },
        { name: 'previousStatus', type: 'varchar', length: '16', isNullable: true },
      ],
      indices: [{ name: 'IDX_kb_revisions_article', columnNames: ['articleId', 'version'] }],
    }));
    await q.createTable(new Table({
      name: 'kb_article_uses',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'articleId', type: 'integer' },
        { name: 'conversationId', type: 'integer' },
        { name: 'agentId', type: 'integer' },
        { name: 'kind', type: 'varchar', length: '8' },
        { name: 'usedAt', type: 'bigint' },
      ],
      indices: [{ name: 'IDX_kb_uses_article', columnNames: ['articleId', 'usedAt'] }, { name: 'IDX_kb_uses_at', columnNames: ['usedAt'] }],
    }));
    await q.createTable(new Table({
      name: 'kb_search_misses',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'query', type: 'varchar', length: '200' },
        { name: 'language', type: 'varchar', length: '2', isNullable: true },
        { name: 'source', type: 'varchar', length: '8' },
        { name: 'createdAt', type: 'bigint' },
      ],
      indices: [{ name: 'IDX_kb_search_misses_at', columnNames: ['createdAt'] }],
    }));
    if (q.connection.options.type === 'postgres') {
      await q.query(`ALTER TABLE kb_articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        CASE WHEN language = 'ru' THEN
          setweight(to_tsvector('russian', title), 'A') || setweight(to_tsvector('russian', translate(tags, '[]",', '    ')), 'B')
            || setweight(to_tsvector('russian', "plainText"), 'C')
        ELSE
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', translate(tags, '[]",', '    ')), 'B')
            || setweight(to_tsvector('english', "plainText"), 'C')
        END) STORED`);
      await q.query('CREATE INDEX "IDX_kb_articles_search" ON kb_articles USING GIN (search_vector)');
    } else {
      // rowid = the article's id; language is only filtered on.
      await q.query('CREATE VIRTUAL TABLE kb_articles_fts USING fts5(title, tags, body, language UNINDEXED, tokenize = \'unicode61 remove_diacritics 0\')');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') await q.query('DROP TABLE IF EXISTS kb_articles_fts');
    await q.dropTable('kb_search_misses', true);
    await q.dropTable('kb_article_uses', true);
    await q.dropTable('kb_article_revisions', true);
    await q.dropTable('kb_articles', true);
    await q.dropColumn('agents', 'permissions');
  }
}
