import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';
import type { ArticleStatus } from './kb-article.entity';

/** One save of an article: who saved it, when, and what the title, body and status were before (null on creation). */
@Entity('kb_article_revisions')
export class KbArticleRevision {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) articleId: number;
  /** The article's version this save produced. */
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'integer' }) editorId: number;
  @Column(timeColumn) editedAt: Date;
  @Column({ type: 'varchar', length: 300, nullable: true }) previousTitle: string | null;
  @Column({ type: 'text', nullable: true }) previousBody: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) previousStatus: ArticleStatus | null;
}
