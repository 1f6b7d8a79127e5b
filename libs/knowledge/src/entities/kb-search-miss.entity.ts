import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

export const SEARCH_SOURCES = ['agents', 'help', 'bot'] as const;
export type SearchSource = (typeof SEARCH_SOURCES)[number];

/** A search that found nothing: what customers and agents looked for that the base does not answer yet. */
@Entity('kb_search_misses')
export class KbSearchMiss {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200 }) query: string;
  @Column({ type: 'varchar', length: 2, nullable: true }) language: string | null;
  @Column({ type: 'varchar', length: 8 }) source: SearchSource;
  @Column(timeColumn) createdAt: Date;
}
