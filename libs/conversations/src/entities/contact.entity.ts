import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

@Entity('contacts')
export class Contact {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 300 }) name: string;
  @Column(timeColumn) createdAt: Date;
  /** Set when this contact was merged into another; its identities and conversations moved there. */
  @Column({ type: 'integer', nullable: true }) mergedIntoId: number | null;
  /** The dedicated specialist (account owner) whose customer this is: their new conversations go to them first. */
  @Column({ type: 'integer', nullable: true }) ownerId: number | null;
}
