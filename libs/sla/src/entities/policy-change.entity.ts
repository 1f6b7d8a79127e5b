import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

/** One change of a policy through the API: who, when, the effective policy before and after, and the overrides now in force. */
@Entity('policy_changes')
export class PolicyChange {
  @PrimaryGeneratedColumn() id: number;
  /** A channel type (`email`) or a channel id. */
  @Column({ type: 'varchar', length: 64 }) scope: string;
  @Column({ type: 'integer', nullable: true }) agentId: number | null;
  @Column({ type: 'simple-json' }) before: Record<string, unknown>;
  @Column({ type: 'simple-json' }) after: Record<string, unknown>;
  /** The raw overrides of this scope after the change (what is re-applied at the next start). */
  @Column({ type: 'simple-json' }) overrides: Record<string, unknown>;
  @Column(timeColumn) at: Date;
}
