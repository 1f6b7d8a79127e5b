import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

/** How a channel knows a person: a Telegram user id, a phone, an e-mail address, a web chat visitor id. */
@Entity('contact_identities')
export class ContactIdentity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) contactId: number;
  @Column({ type: 'varchar', length: 64 }) channelId: string;
  @Column({ type: 'varchar', length: 320 }) externalId: string;
  @Column({ type: 'varchar', length: 300, nullable: true }) displayName: string | null;
  @Column(timeColumn) createdAt: Date;
}
