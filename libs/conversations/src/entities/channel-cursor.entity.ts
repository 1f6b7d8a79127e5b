import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

/** A channel's progress marker, such as the last Telegram update id or the last IMAP UID of a mailbox. */
@Entity('channel_cursors')
export class ChannelCursor {
  @PrimaryColumn({ type: 'varchar', length: 64 }) channelId: string;
  @PrimaryColumn({ type: 'varchar', length: 200 }) key: string;
  @Column({ type: 'text' }) value: string;
  @Column(timeColumn) updatedAt: Date;
}
