import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimeColumn, timeColumn } from '@app/platform/database/epoch-ms.transformer';

export type FeatureRequestStatus = 'open' | 'shipped';

/** Something customers asked the product to do; counted by who asked, told back when it ships. */
@Entity('feature_requests')
export class FeatureRequest {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200 }) title: string;
  /** The title folded (case, spaces, punctuation): two agents typing the same request record one. */
  @Column({ type: 'varchar', length: 200, unique: true }) titleKey: string;
  @Column({ type: 'varchar', length: 16 }) status: FeatureRequestStatus;
  @Column({ type: 'integer', nullable: true }) createdById: number | null;
  @Column(timeColumn) createdAt: Date;
  @Column(nullableTimeColumn) shippedAt: Date | null;
  @Column({ type: 'text', nullable: true }) shipMessage: string | null;
}

/** One customer asking, in one conversation (where the "shipped" message goes). */
@Entity('feature_request_asks')
export class FeatureRequestAsk {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) featureRequestId: number;
  @Column({ type: 'integer' }) conversationId: number;
  @Column({ type: 'integer' }) contactId: number;
  @Column({ type: 'varchar', length: 64 }) channelId: string;
  @Column({ type: 'integer', nullable: true }) agentId: number | null;
  /** What the agent offered meanwhile. */
  @Column({ type: 'text', nullable: true }) workaround: string | null;
  @Column(timeColumn) createdAt: Date;
}
