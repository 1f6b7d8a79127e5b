import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KbArticle } from './entities';
import { escapeHtml, highlight, indexedText, KbLanguage, searchTerms } from './search-text.util';

/** `all`: every word of the query must match (the strict pass); `any`: one is enough, more rank higher. */
export type MatchMode = 'all' | 'any';

export interface IndexQuery {
  text: string;
  languages: readonly KbLanguage[];
  mode: MatchMode;
  limit: number;
}

export interface IndexHit {
  id: number;
  score: number;
  /** A piece of the body with the matching words in `<mark>`, HTML-escaped. */
  snippet: string;
}

// ts_headline's marks are control characters no article contains, so the text around them can be escaped safely.
const START = '\u0002';
const STOP = '\u0003';

/**
 * The full-text index of published articles, each database's own: PostgreSQL's text search (a generated
 * tsvector, websearch_to_tsquery, ts_rank, ts_headline) or SQLite's FTS5 fed with Snowball-stemmed terms
 * (bm25). Both read the same words as the same terms, so they find the same articles.
 */
@Injectable()
export class ArticleSearchIndex {
  private readonly postgres: boolean;

  constructor(private readonly db: DataSource) {
    this.postgres = db.options.type === 'postgres';
  }

  /** Brings an article's index entry up to date, in the transaction that saved it (PostgreSQL does it itself). */
  async update(manager: EntityManager, article: KbArticle): Promise<void> {
    if (this.postgres) return;
    await manager.query('DELETE FROM kb_articles_fts WHERE rowid = ?', [article.id]);
    await manager.query('INSERT INTO kb_articles_fts (rowid, title, tags, body, language) VALUES (?, ?, ?, ?, ?)', [
      article.id, indexedText(article.title, article.language), indexedText(article.tags.join(' '), article.language),
      indexedText(article.plainText, article.language), article.language,
    ]);
  }

  async remove(manager: EntityManager, id: number): Promise<void> {
    if (!this.postgres) await manager.query('DELETE FROM kb_articles_fts WHERE rowid = ?', [id]);
  }

  /** Published articles matching the query, best first (ties: the older article first). */
  search(query: IndexQuery): Promise<IndexHit[]> {
    return this.postgres ? this.searchPostgres(query) : this.searchSqlite(query);
  }

  private async searchPostgres({ text, languages, mode, limit }: IndexQuery): Promise<IndexHit[]> {
    // The strict pass reads the query as a web search (all words, "phrases", -exclusions); the broad pass, which reads
    // customers' messages, ORs the text's own lexemes, so a stray quote or dash in a message is never syntax.
    const tsquery = (config: string) => mode === 'all'
      ? `websearch_to_tsquery('${config}', $1)`
      : `(SELECT coalesce(string_agg(quote_literal(l), ' | '), '')::tsquery FROM unnest(tsvector_to_array(to_tsvector('${config}', $1))) AS l)`;
    // Rank normalisation 1 divides by the log of the article's length, as bm25 weighs length on SQLite: a short article
    // about the words outranks a long one that mentions them, on both databases.
    const rows: Array<{ id: number; score: number; snippet: string }> = await this.db.query(`
      WITH q AS (SELECT ${tsquery('russian')} AS ru, ${tsquery('english')} AS en)
      SELECT a.id, ts_rank('{0.1, 0.2, 0.4, 1.0}', a.search_vector, CASE WHEN a.language = 'ru' THEN q.ru ELSE q.en END, 1) AS score,
        ts_headline(CASE WHEN a.language = 'ru' THEN 'russian'::regconfig ELSE 'english'::regconfig END, a."plainText",
          CASE WHEN a.language = 'ru' THEN q.ru ELSE q.en END, $4) AS snippet
      FROM kb_articles a, q
      WHERE a.status = 'published' AND a.language = ANY($2)
        AND a.search_vector @@ (CASE WHEN a.language = 'ru' THEN q.ru ELSE q.en END)
      ORDER BY score DESC, a.id ASC
      LIMIT $3`, [text, languages, limit, `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, ShortWord=2`]);
    return rows.map((r) => ({
      id: Number(r.id),
      score: Number(r.score),
      snippet: escapeHtml(r.snippet).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>'),
    }));
  }

  private async searchSqlite({ text, languages, mode, limit }: IndexQuery): Promise<IndexHit[]> {
    const hits: Array<IndexHit & { language: KbLanguage; plainText: string; terms: Set<string> }> = [];
    for (const language of languages) {
      const terms = searchTerms(text, language);
      if (!terms.length) continue;
      // The terms are letters and digits only; quoted, FTS5 reads each as a plain word, never as syntax.
      const match = terms.map((t) => `"${t}"`).join(mode === 'all' ? ' AND ' : ' OR ');
      const rows: Array<{ id: number; score: number; plainText: string }> = await this.db.query(`
        SELECT a.id AS id, -bm25(kb_articles_fts, 10.0, 4.0, 1.0, 0.0) AS score, a."plainText" AS plainText
        FROM kb_articles_fts f JOIN kb_articles a ON a.id = f.rowid
        WHERE kb_articles_fts MATCH ? AND f.language = ? AND a.status = 'published'
        ORDER BY score DESC, a.id ASC
        LIMIT ?`, [match, language, limit]);
      hits.push(...rows.map((r) => ({ id: r.id, score: r.score, snippet: '', language, plainText: r.plainText, terms: new Set(terms) })));
    }
    return hits.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit)
      .map((h) => ({ id: h.id, score: h.score, snippet: highlight(h.plainText, h.terms, h.language) }));
  }
}
