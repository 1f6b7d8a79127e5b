import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimeColumn, timeColumn } from '@app/platform/database/epoch-ms.transformer';

/** warning / breached: fired by the clock; met / missed: recorded when an agent answered a target. */
export type SlaEventKind = 'warning' | 'breached' | 'met' | 'missed';
export type SlaTargetName = 'firstResponse' | 'nextResponse' | 'resolution';

@Entity('sla_events')
export class SlaEventRecord {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) conversationId: number;
  @Column({ type: 'varchar', length: 64 }) channelId: string;
  @Column({ type: 'varchar', length: 16 }) kind: SlaEventKind;
  @Column({ type: 'varchar', length: 16 }) target: SlaTargetName;
  @Column(nullableTimeColumn) dueAt: Date | null;
  /** When the clock of this target started (the customer's message). */
  @Column(nullableTimeColumn) startedAt: Date | null;
  @Column(timeColumn) at: Date;
  /** The assignee when a warning or breach fired; the agent who answered for met / missed. */
  @Column({ type: 'integer', nullable: true }) agentId: number | null;
}
