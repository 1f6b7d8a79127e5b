import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimeColumn, timeColumn } from '@app/platform/database/epoch-ms.transformer';

import type { Choice } from '@app/platform/contracts/choices';
import type { Attachment, DeliveryStatus, MessageDirection } from '../api-types';

export type { Attachment, DeliveryStatus, MessageDirection } from '../api-types';

@Entity('messages')
export class Message {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) conversationId: number;
  @Column({ type: 'varchar', length: 64 }) channelId: string;
  @Column({ type: 'varchar', length: 8 }) direction: MessageDirection;
  @Column({ type: 'text' }) body: string;
  /** Sanitised HTML (email); never raw. */
  @Column({ type: 'text', nullable: true }) bodyHtml: string | null;
  @Column({ type: 'simple-json', nullable: true }) attachments: Attachment[] | null;
  @Column({ type: 'integer', nullable: true }) authorId: number | null;
  /** Sent by a machine (auto-reply, bounce, newsletter, our acknowledgement): never answered automatically. */
  @Column({ type: 'boolean', default: false }) automatic: boolean;
  /** The channel's own id of the message: the dedupe key, unique per channel. */
  @Column({ type: 'varchar', length: 255, nullable: true }) externalId: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) deliveryStatus: DeliveryStatus | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  /** Channel details kept for threading and replies (e-mail references, visitor id, chat id). */
  @Column({ type: 'simple-json', nullable: true }) meta: Record<string, unknown> | null;
  @Column(nullableTimeColumn) sentAt: Date | null;
  @Column(nullableTimeColumn) editedAt: Date | null;
  @Column({ type: 'text', nullable: true }) originalBody: string | null;
  /** Buttons offered with an outbound message (see platform/contracts/choices.ts); a press comes back as an inbound `choice`. */
  @Column({ type: 'simple-json', nullable: true }) choices?: Choice[] | null;
  @Column(timeColumn) createdAt: Date;
}
