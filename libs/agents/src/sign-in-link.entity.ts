import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

/** A one-time sign-in link for a new agent (no password yet); only the secret's SHA-256 is stored. */
@Entity('sign_in_links')
export class SignInLink {
  @PrimaryColumn({ type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ type: 'integer' }) agentId: number;
  @Column(timeColumn) createdAt: Date;
  @Column(timeColumn) expiresAt: Date;
}
