import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

export const ROUTING_MOVE_KINDS = ['routed', 'owner', 'returned', 'overflow', 'escalation', 'sla-rule', 'handover'] as const;
export type RoutingMoveKind = (typeof ROUTING_MOVE_KINDS)[number];

/** One line of a conversation's routing history: handed to an agent, returned to the queue, or moved to another team. */
@Entity('routing_moves')
export class RoutingMove {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) conversationId: number;
  @Column({ type: 'varchar', length: 16 }) kind: RoutingMoveKind;
  @Column({ type: 'integer', nullable: true }) fromTeamId: number | null;
  @Column({ type: 'integer', nullable: true }) toTeamId: number | null;
  @Column({ type: 'integer', nullable: true }) fromAgentId: number | null;
  /** The agent it went to (routed, owner), or who moved it (escalation). */
  @Column({ type: 'integer', nullable: true }) agentId: number | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column(timeColumn) at: Date;
}
