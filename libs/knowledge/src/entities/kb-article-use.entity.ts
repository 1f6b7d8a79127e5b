import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

export const ARTICLE_USE_KINDS = ['link', 'text'] as const;
export type ArticleUseKind = (typeof ARTICLE_USE_KINDS)[number];

/** An agent put an article into a reply (its link or its text): what the "most used articles" report counts. */
@Entity('kb_article_uses')
export class KbArticleUse {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) articleId: number;
  @Column({ type: 'integer' }) conversationId: number;
  @Column({ type: 'integer' }) agentId: number;
  @Column({ type: 'varchar', length: 8 }) kind: ArticleUseKind;
  @Column(timeColumn) usedAt: Date;
}
