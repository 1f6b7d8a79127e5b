import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { timeColumn } from '@app/platform/database/epoch-ms.transformer';

export const TEAM_ASSIGNMENTS = ['manual', 'auto'] as const;
export type TeamAssignment = (typeof TEAM_ASSIGNMENTS)[number];

/** A team on a support line: takes the new conversations of its channels; `auto` hands them to members within capacity. */
@Entity('teams')
export class Team {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** 1 = first line, 2 = second, …: escalation without a named team goes to the next line. */
  @Column({ type: 'integer', default: 1 }) line: number;
  /** Channel ids whose new conversations this team takes. */
  @Column({ type: 'simple-array', default: '' }) channels: string[];
  @Column({ type: 'varchar', length: 8, default: 'manual' }) assignment: TeamAssignment;
  /** Where a conversation unassigned for `overflowAfterSeconds` goes. */
  @Column({ type: 'integer', nullable: true }) overflowTeamId: number | null;
  @Column({ type: 'integer', nullable: true }) overflowAfterSeconds: number | null;
  @Column(timeColumn) createdAt: Date;
}

@Entity('team_members')
export class TeamMember {
  @PrimaryColumn({ type: 'integer' }) teamId: number;
  @PrimaryColumn({ type: 'integer' }) agentId: number;
  /** A team lead sees the team's queue view and is told of SLA escalations. */
  @Column({ type: 'boolean', default: false }) lead: boolean;
}
