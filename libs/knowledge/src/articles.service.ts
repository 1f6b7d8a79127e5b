import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Agent, Principal } from '@app/agents';
import { NotFoundError } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { ArticleSearchIndex } from './article-search-index';
import { ArticleStatus, ArticleUseKind, KbArticle, KbArticleRevision, KbArticleUse } from './entities';
import { ArticleView, RevisionView, toArticleView } from './kb-views';
import { articlePlainText, renderArticleHtml } from './markdown.util';
import { KbLanguage } from './search-text.util';

/** The permission that lets an agent (not only ops) write articles. */
export const KB_PERMISSION = 'kb';

export interface ArticleInput {
  title: string;
  body: string;
  category: string;
  language: KbLanguage;
  tags?: string[];
  status?: ArticleStatus;
}

export interface ArticleFilter {
  status?: ArticleStatus;
  language?: KbLanguage;
  category?: string;
}

/** Articles: writing them (with their history and index entry in one transaction), reading, their uses in replies. */
@Injectable()
export class ArticlesService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly index: ArticleSearchIndex,
  ) {}

  /** Ops write; agents write when they hold the `kb` permission (read afresh, so a change applies at once). */
  async canWrite(principal: Principal): Promise<boolean> {
    if (principal.role === 'ops') return true;
    const agent = await this.db.getRepository(Agent).findOneBy({ id: principal.agentId });
    return !!agent?.permissions.includes(KB_PERMISSION);
  }

  async list(filter: ArticleFilter): Promise<ArticleView[]> {
    // An absent filter is left out of the query (TypeORM refuses an undefined value in `where`).
    const where = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    const articles = await this.db.getRepository(KbArticle).find({ where, order: { updatedAt: 'DESC', id: 'DESC' } });
    return articles.map(toArticleView);
  }

  async get(id: number, { publishedOnly = false } = {}): Promise<ArticleView> {
    const article = await this.db.getRepository(KbArticle).findOneBy({ id });
    if (!article || (publishedOnly && article.status !== 'published')) throw new NotFoundError('article', id);
    return toArticleView(article);
  }

  /** Several articles by id, in the order given, published ones only (search results). */
  async published(ids: number[]): Promise<ArticleView[]> {
    if (!ids.length) return [];
    const rows = await this.db.getRepository(KbArticle).createQueryBuilder('a')
      .where('a.id IN (:...ids) AND a.status = :published', { ids, published: 'published' }).getMany();
    const byId = new Map(rows.map((a) => [a.id, a]));
    return ids.flatMap((id) => (byId.has(id) ? [toArticleView(byId.get(id)!)] : []));
  }

  async create(input: ArticleInput, editorId: number): Promise<ArticleView> {
    const now = this.clock.now();
    return this.uow.run(async (manager) => {
      const repo = manager.getRepository(KbArticle);
      const article = await repo.save(repo.create({
        ...rendered(input), category: input.category.trim(), language: input.language, tags: normaliseTags(input.tags),
        status: input.status ?? 'draft', authorId: editorId, updatedById: editorId, version: 1, createdAt: now, updatedAt: now,
      }));
      await manager.getRepository(KbArticleRevision).insert({
        articleId: article.id, version: 1, editorId, editedAt: now, previousTitle: null, previousBody: null, previousStatus: null,
      });
      await this.index.update(manager, article);
      return toArticleView(article);
    });
  }

  async update(id: number, input: Partial<ArticleInput>, editorId: number): Promise<ArticleView> {
    const now = this.clock.now();
    return this.uow.run(async (manager) => {
      const repo = manager.getRepository(KbArticle);
      const article = await repo.findOneBy({ id });
      if (!article) throw new NotFoundError('article', id);
      const before = { title: article.title, body: article.body, status: article.status };
      Object.assign(article, rendered({ title: input.title ?? article.title, body: input.body ?? article.body }));
      if (input.category !== undefined) article.category = input.category.trim();
      if (input.language !== undefined) article.language = input.language;
      if (input.tags !== undefined) article.tags = normaliseTags(input.tags);
      if (input.status !== undefined) article.status = input.status;
      Object.assign(article, { version: article.version + 1, updatedById: editorId, updatedAt: now });
      await repo.save(article);
      await manager.getRepository(KbArticleRevision).insert({
        articleId: id, version: article.version, editorId, editedAt: now,
        previousTitle: before.title, previousBody: before.body, previousStatus: before.status,
      });
      await this.index.update(manager, article);
      return toArticleView(article);
    });
  }

  /** Removes the article and its index entry; its history and uses stay for the reports. */
  async remove(id: number): Promise<void> {
    await this.uow.run(async (manager) => {
      const deleted = await manager.getRepository(KbArticle).delete({ id });
      if (!deleted.affected) throw new NotFoundError('article', id);
      await this.index.remove(manager, id);
    });
  }

  async history(id: number): Promise<RevisionView[]> {
    await this.get(id);
    const revisions = await this.db.getRepository(KbArticleRevision).find({ where: { articleId: id }, order: { version: 'DESC' } });
    const editors = await this.db.getRepository(Agent).find({ select: { id: true, name: true }, where: { id: In([...new Set(revisions.map((r) => r.editorId))]) } });
    const names = new Map(editors.map((a) => [a.id, a.name]));
    return revisions.map((r) => ({
      version: r.version,
      editor: { id: r.editorId, name: names.get(r.editorId) ?? null },
      editedAt: r.editedAt.toISOString(),
      previousTitle: r.previousTitle,
      previousBody: r.previousBody,
      previousStatus: r.previousStatus,
    }));
  }

  async recordUse(articleId: number, conversationId: number, agentId: number, kind: ArticleUseKind): Promise<void> {
    await this.get(articleId);
    await this.db.getRepository(KbArticleUse).insert({ articleId, conversationId, agentId, kind, usedAt: this.clock.now() });
  }

  /** The categories of published articles with how many each holds, for the help center. */
  async categories(language?: KbLanguage): Promise<Array<{ name: string; count: number }>> {
    const rows: Array<{ name: string; count: string | number }> = await this.db.getRepository(KbArticle).createQueryBuilder('a')
      .select('a.category', 'name').addSelect('COUNT(*)', 'count')
      .where('a.status = :published', { published: 'published' })
      .andWhere(language ? 'a.language = :language' : '1 = 1', { language })
      .groupBy('a.category').orderBy('a.category', 'ASC').getRawMany();
    return rows.map((r) => ({ name: r.name, count: Number(r.count) }));
  }
}

function rendered(input: { title: string; body: string }) {
  return { title: input.title.trim(), body: input.body, bodyHtml: renderArticleHtml(input.body), plainText: articlePlainText(input.body) };
}

/** Tags are compared in lower case; repeats are dropped. */
function normaliseTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))];
}
