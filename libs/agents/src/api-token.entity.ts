import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

/** An API token; only its SHA-256 is stored, so a leaked database does not leak working tokens. */
@Entity('api_tokens')
export class ApiToken {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) agentId: number;
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ type: 'varchar', length: 100 }) label: string;
  @Column(timeColumn) createdAt: Date;
}
