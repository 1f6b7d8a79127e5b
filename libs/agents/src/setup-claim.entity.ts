import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

/**
 * One-off steps of an installation, claimed by inserting their key: the primary key lets exactly one of several
 * concurrent requests (on any process) win, e.g. the first-run creation of the first ops account.
 */
@Entity('setup_claims')
export class SetupClaim {
  @PrimaryColumn({ type: 'varchar', length: 64 }) key: string;
  @Column(timeColumn) createdAt: Date;
}
