import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';
import type { KbLanguage } from '../search-text.util';

export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** A knowledge base article. On PostgreSQL the table also has a generated `search_vector` the entity never reads. */
@Entity('kb_articles')
export class KbArticle {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 300 }) title: string;
  /** Markdown as the author wrote it. */
  @Column({ type: 'text' }) body: string;
  /** The body rendered and sanitised. */
  @Column({ type: 'text' }) bodyHtml: string;
  /** The words of the body without markup: indexed, highlighted, inserted into replies. */
  @Column({ type: 'text' }) plainText: string;
  @Column({ type: 'varchar', length: 100 }) category: string;
  @Column({ type: 'varchar', length: 2 }) language: KbLanguage;
  @Column({ type: 'simple-json' }) tags: string[];
  @Column({ type: 'varchar', length: 16 }) status: ArticleStatus;
  @Column({ type: 'integer' }) authorId: number;
  @Column({ type: 'integer' }) updatedById: number;
  /** 1 on creation, one more on each save. */
  @Column({ type: 'integer' }) version: number;
  @Column(timeColumn) createdAt: Date;
  @Column(timeColumn) updatedAt: Date;
}
