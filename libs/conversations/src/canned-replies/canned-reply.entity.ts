import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

import type { CannedReplyScope } from '../api-types';

/** An answer kept ready for a common question; its body is a liquid template rendered for a conversation. */
@Entity('canned_replies')
export class CannedReply {
  @PrimaryGeneratedColumn() id: number;
  /** What the agent types after `/` ("refund", "доставка"). */
  @Column({ type: 'varchar', length: 50 }) shortCode: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) body: string;
  /** Short code, title and body folded for search (see searchTextOf). */
  @Column({ type: 'text' }) searchText: string;
  @Column({ type: 'varchar', length: 16 }) scope: CannedReplyScope;
  /** The team of a `team` reply. Teams are built apart: until they land, team replies are visible to every agent. */
  @Column({ type: 'integer', nullable: true }) teamId: number | null;
  /** The agent a `personal` reply belongs to. */
  @Column({ type: 'integer', nullable: true }) ownerId: number | null;
  @Column({ type: 'integer' }) createdById: number;
  @Column(timeColumn) createdAt: Date;
  @Column(timeColumn) updatedAt: Date;
}
