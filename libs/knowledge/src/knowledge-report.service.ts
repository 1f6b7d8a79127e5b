import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { helpUrl } from './kb-views';

export interface ArticleUseFigures {
  articleId: number;
  /** Null when the article was deleted since (its uses stay for the report). */
  title: string | null;
  uses: number;
  /** Put in as a link, or as its text. */
  asLink: number;
  asText: number;
  /** How many agents used it. */
  agents: number;
  helpUrl: string;
}

export interface MissedSearchFigures {
  query: string;
  count: number;
  /** Who searched: agents, the help center, the bot (a customer's question it could not answer). */
  sources: string[];
  lastAt: string;
}

/** What the knowledge base is worth and what it lacks: the articles agents use most, and what was searched and not found. */
@Injectable()
export class KnowledgeReports {
  constructor(private readonly db: DataSource) {}

  async mostUsed(from: Date, to: Date, limit: number): Promise<ArticleUseFigures[]> {
    const rows: Array<{ articleId: number; title: string | null; uses: unknown; asLink: unknown; asText: unknown; agents: unknown }> = await this.db.query(
      `SELECT u."articleId" AS "articleId", a.title AS title, COUNT(*) AS uses,
              SUM(CASE WHEN u.kind = 'link' THEN 1 ELSE 0 END) AS "asLink", SUM(CASE WHEN u.kind = 'text' THEN 1 ELSE 0 END) AS "asText",
              COUNT(DISTINCT u."agentId") AS agents
       FROM kb_article_uses u LEFT JOIN kb_articles a ON a.id = u."articleId"
       WHERE u."usedAt" >= ${this.param(1)} AND u."usedAt" < ${this.param(2)}
       GROUP BY u."articleId", a.title ORDER BY uses DESC, u."articleId" ASC LIMIT ${this.param(3)}`, [from.getTime(), to.getTime(), limit]);
    return rows.map((r) => ({
      articleId: Number(r.articleId), title: r.title ?? null, uses: Number(r.uses), asLink: Number(r.asLink), asText: Number(r.asText),
      agents: Number(r.agents), helpUrl: helpUrl(Number(r.articleId)),
    }));
  }

  async missedSearches(from: Date, to: Date, limit: number): Promise<MissedSearchFigures[]> {
    const rows: Array<{ query: string; source: string; n: unknown; lastAt: unknown }> = await this.db.query(
      `SELECT LOWER(query) AS query, source, COUNT(*) AS n, MAX("createdAt") AS "lastAt" FROM kb_search_misses
       WHERE "createdAt" >= ${this.param(1)} AND "createdAt" < ${this.param(2)} GROUP BY LOWER(query), source`, [from.getTime(), to.getTime()]);
    const byQuery = new Map<string, { count: number; sources: Set<string>; lastAt: number }>();
    for (const r of rows) {
      const entry = byQuery.get(r.query) ?? { count: 0, sources: new Set<string>(), lastAt: 0 };
      byQuery.set(r.query, entry);
      entry.count += Number(r.n);
      entry.sources.add(r.source);
      entry.lastAt = Math.max(entry.lastAt, Number(r.lastAt));
    }
    return [...byQuery]
      .map(([query, e]) => ({ query, count: e.count, sources: [...e.sources].sort(), lastAt: new Date(e.lastAt).toISOString() }))
      .sort((a, b) => b.count - a.count || a.query.localeCompare(b.query))
      .slice(0, limit);
  }

  private param(n: number): string {
    return this.db.options.type === 'postgres' ? `$${n}` : '?';
  }
}
