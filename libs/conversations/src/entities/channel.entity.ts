import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

/** One configured account (a bot, a mailbox, a number, the web chat); rows mirror config at start. */
@Entity('channels')
export class Channel {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id: string;
  @Column({ type: 'varchar', length: 32 }) type: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column(timeColumn) createdAt: Date;
}
