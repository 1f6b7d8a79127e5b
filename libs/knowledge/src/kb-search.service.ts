import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/platform/clock/clock';
import { ArticleSearchIndex, IndexHit, MatchMode } from './article-search-index';
import { ArticlesService } from './articles.service';
import { KbArticle, KbSearchMiss, SearchSource } from './entities';
import { SearchHitView } from './kb-views';
import { highlight, KB_LANGUAGES, KbLanguage, searchTerms, termOf } from './search-text.util';
import { correctQuery } from './typo.util';

export interface SearchRequest {
  query: string;
  language?: KbLanguage;
  limit: number;
  /** Where a search that finds nothing is recorded as asked from; none: not recorded (suggestions). */
  source?: SearchSource;
  /** Straight to the broad pass: long text such as a customer's messages, where not every word is in an article. */
  mode?: MatchMode;
}

export interface SearchResult {
  items: SearchHitView[];
  /** The query as typo correction rewrote it, when that is what found the results. */
  correctedQuery: string | null;
}

/** Queries of at most this many words get typo correction: longer ones are sentences, not mistyped titles. */
const TYPO_MAX_WORDS = 3;

/**
 * Search over published articles, in passes: every word (stemmed) must match; failing that, for a short query, the
 * words corrected to the closest title words; failing that, any of the words. Searches that find nothing are kept.
 */
@Injectable()
export class KbSearchService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly index: ArticleSearchIndex,
    private readonly articles: ArticlesService,
  ) {}

  async search(request: SearchRequest): Promise<SearchResult> {
    const query = request.query.trim();
    const languages = request.language ? [request.language] : KB_LANGUAGES;
    const find = (text: string, mode: MatchMode) => this.index.search({ text, languages, mode, limit: request.limit });
    let hits: IndexHit[] = [];
    let correctedQuery: string | null = null;
    if (languages.some((l) => searchTerms(query, l).length)) {
      hits = await find(query, request.mode ?? 'all');
      if (!hits.length && request.mode !== 'any' && wordCount(query) <= TYPO_MAX_WORDS) {
        const corrected = await this.correct(query, languages);
        if (corrected) {
          hits = await find(corrected, 'all');
          if (hits.length) correctedQuery = corrected;
        }
      }
      if (!hits.length && request.mode !== 'any') hits = await find(query, 'any');
    }
    if (!hits.length && request.source) await this.recordMiss(query, request.language ?? null, request.source);
    return { items: await this.views(hits, correctedQuery ?? query), correctedQuery };
  }

  /** What was searched for and not found, most asked first (for "what to write next"). */
  async misses(since: Date, limit: number): Promise<Array<{ query: string; count: number; lastAt: string }>> {
    const rows: Array<{ query: string; count: string | number; lastAt: string | number }> = await this.db.getRepository(KbSearchMiss)
      .createQueryBuilder('m')
      .select('LOWER(m.query)', 'query').addSelect('COUNT(*)', 'count').addSelect('MAX(m.createdAt)', 'lastAt')
      .where('m.createdAt >= :since', { since: since.getTime() })
      .groupBy('LOWER(m.query)').orderBy('count', 'DESC').addOrderBy('query', 'ASC').limit(limit).getRawMany();
    return rows.map((r) => ({ query: r.query, count: Number(r.count), lastAt: new Date(Number(r.lastAt)).toISOString() }));
  }

  private async views(hits: IndexHit[], query: string): Promise<SearchHitView[]> {
    const articles = await this.articles.published(hits.map((h) => h.id));
    const byId = new Map(hits.map((h) => [h.id, h]));
    return articles.map((article) => {
      const hit = byId.get(article.id)!;
      const terms = new Set(searchTerms(query, article.language));
      return { article, score: hit.score, titleHtml: highlight(article.title, terms, article.language, 1000), snippetHtml: hit.snippet };
    });
  }

  /** The query with unknown words replaced by the closest words of published titles, or null. */
  private async correct(query: string, languages: readonly KbLanguage[]): Promise<string | null> {
    const titles = await this.db.getRepository(KbArticle).createQueryBuilder('a').select(['a.title', 'a.language'])
      .where('a.status = :published', { published: 'published' })
      .andWhere('a.language IN (:...languages)', { languages }).getMany();
    const vocabulary = new Map<string, number>();
    const known = new Set<string>();
    for (const { title, language } of titles) {
      for (const word of title.toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? []) {
        const term = termOf(word, language);
        if (term === null) continue;
        vocabulary.set(word, (vocabulary.get(word) ?? 0) + 1);
        known.add(term);
      }
    }
    return correctQuery(query, vocabulary, (word) => languages.some((l) => {
      const term = termOf(word, l);
      return term === null || known.has(term);
    }));
  }

  private async recordMiss(query: string, language: string | null, source: SearchSource): Promise<void> {
    await this.db.getRepository(KbSearchMiss).insert({ query: query.slice(0, 200), language, source, createdAt: this.clock.now() });
  }
}

const wordCount = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
