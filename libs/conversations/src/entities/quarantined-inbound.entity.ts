import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimeColumn, timeColumn } from '@app/platform/database/epoch-ms.transformer';

/**
 * `failing`: not stored yet, tried `attempts` times; `quarantined`: set aside for ops, the channel moved on;
 * `retried`: stored later by an ops retry (`messageId`); `discarded`: dropped by ops, its content removed.
 */
export type QuarantineStatus = 'failing' | 'quarantined' | 'retried' | 'discarded';

/**
 * How `raw` is kept: `message` is the message as its adapter made it (JSON; a retry stores it), `text` a
 * channel's own item that could not be read as a message (a Telegram update as JSON), `base64` raw bytes
 * (a mail's source).
 */
export type QuarantineRawFormat = 'message' | 'text' | 'base64';

/** An inbound item that could not be stored: counted while it fails, then kept aside so its channel moves on. */
@Entity('inbound_quarantine')
@Index('UQ_inbound_quarantine_item', ['channelId', 'externalId'], { unique: true })
export class QuarantinedInbound {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) channelId: string;
  /** The channel's id of the item (the dedupe key of the message it would be), or a hash of the raw item. */
  @Column({ type: 'varchar', length: 255 }) externalId: string;
  @Column({ type: 'varchar', length: 16 }) status: QuarantineStatus;
  @Column({ type: 'integer' }) attempts: number;
  /** The last reason it could not be stored. */
  @Column({ type: 'text' }) error: string;
  @Column({ type: 'varchar', length: 16 }) rawFormat: QuarantineRawFormat;
  @Column({ type: 'text', nullable: true }) raw: string | null;
  @Column({ type: 'integer', nullable: true }) messageId: number | null;
  @Column(timeColumn) createdAt: Date;
  @Column(timeColumn) updatedAt: Date;
  @Column(nullableTimeColumn) quarantinedAt: Date | null;
}
