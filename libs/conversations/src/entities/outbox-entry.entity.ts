import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimeColumn, timeColumn } from '@app/platform/database/epoch-ms.transformer';

export type OutboxStatus = 'pending' | 'sending' | 'done' | 'failed';

/** One outbound send, written in the same transaction as its message and relayed by the worker. */
@Entity('outbox')
export class OutboxEntry {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) messageId: number;
  @Column({ type: 'varchar', length: 64 }) channelId: string;
  @Column({ type: 'varchar', length: 16 }) status: OutboxStatus;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column(timeColumn) nextAttemptAt: Date;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  /** The process sending this row (status `sending`), see ProcessIdentity. */
  @Column({ type: 'varchar', length: 128, nullable: true }) claimedBy: string | null;
  /** The claim ends here unless renewed; a `sending` row past it is claimable again (its owner died). */
  @Column(nullableTimeColumn) claimExpiresAt: Date | null;
  @Column(timeColumn) createdAt: Date;
  @Column(timeColumn) updatedAt: Date;
}
