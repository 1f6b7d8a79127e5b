import type { ArticleStatus, KbArticle } from './entities';
import type { KbLanguage } from './search-text.util';

export interface ArticleView {
  id: number;
  title: string;
  body: string;
  bodyHtml: string;
  plainText: string;
  category: string;
  language: KbLanguage;
  tags: string[];
  status: ArticleStatus;
  authorId: number;
  updatedById: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Where customers read it (published articles). */
  helpUrl: string;
}

export interface RevisionView {
  version: number;
  editor: { id: number; name: string | null };
  editedAt: string;
  previousTitle: string | null;
  previousBody: string | null;
  previousStatus: ArticleStatus | null;
}

export interface SearchHitView {
  article: ArticleView;
  score: number;
  /** The title with the matching words in `<mark>` (HTML-escaped). */
  titleHtml: string;
  /** A piece of the body with the matching words in `<mark>` (HTML-escaped). */
  snippetHtml: string;
}

export const helpUrl = (id: number) => `/help/articles/${id}`;

export function toArticleView(a: KbArticle): ArticleView {
  return {
    id: a.id, title: a.title, body: a.body, bodyHtml: a.bodyHtml, plainText: a.plainText, category: a.category, language: a.language,
    tags: a.tags, status: a.status, authorId: a.authorId, updatedById: a.updatedById, version: a.version,
    createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(), helpUrl: helpUrl(a.id),
  };
}
