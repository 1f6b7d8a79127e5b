import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

/** `queued`: a message went to the outbox (its delivery status tells the rest); `unreachable`: none could be sent, see `reason`. */
export type BroadcastDeliveryStatus = 'queued' | 'unreachable';

/**
 * One message of a broadcast (an incident update, a "shipped" notice) to one conversation. Unique per source and
 * conversation: the row is written in the transaction that queues the message, so a repeated or resumed
 * broadcast never sends twice to the same conversation.
 */
@Entity('broadcast_deliveries')
export class BroadcastDelivery {
  @PrimaryGeneratedColumn() id: number;
  /** What is told: `incident-update:12`, `feature-shipped:5`. */
  @Column({ type: 'varchar', length: 64 }) source: string;
  @Column({ type: 'integer' }) conversationId: number;
  @Column({ type: 'varchar', length: 64 }) channelId: string;
  @Column({ type: 'integer', nullable: true }) messageId: number | null;
  @Column({ type: 'varchar', length: 16 }) status: BroadcastDeliveryStatus;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column(timeColumn) createdAt: Date;
}
