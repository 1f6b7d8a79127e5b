import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

/**
 * A browser's sign-in. The cookie holds a random secret; the row is keyed by its SHA-256, so a leaked database
 * signs nobody in. Every request reads the row (no cache), so sign-out and deactivation hold at once everywhere.
 */
@Entity('agent_sessions')
export class AgentSession {
  @PrimaryColumn({ type: 'varchar', length: 64 }) idHash: string;
  @Index('IDX_agent_session_agent') @Column({ type: 'integer' }) agentId: number;
  /** SHA-256 of the CSRF token the page sends back in `X-CSRF-Token` on every write. */
  @Column({ type: 'varchar', length: 64 }) csrfHash: string;
  @Column(timeColumn) createdAt: Date;
  @Column(timeColumn) expiresAt: Date;
}
