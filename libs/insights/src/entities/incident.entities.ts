import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimeColumn, timeColumn } from '@app/platform/database/epoch-ms.transformer';

export type IncidentStatus = 'open' | 'resolved';

/** An outage or a known problem many customers write about; while open, the inbox shows it to every agent. */
@Entity('incidents')
export class Incident {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 16 }) status: IncidentStatus;
  @Column({ type: 'integer', nullable: true }) createdById: number | null;
  @Column(timeColumn) createdAt: Date;
  @Column(nullableTimeColumn) resolvedAt: Date | null;
}

/** A conversation about the incident (of any channel): it gets every update. */
@Entity('incident_links')
export class IncidentLink {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) incidentId: number;
  @Column({ type: 'integer' }) conversationId: number;
  @Column({ type: 'integer', nullable: true }) linkedById: number | null;
  @Column(timeColumn) linkedAt: Date;
}

/** One update told to every linked conversation; its key makes a repeated request the same update. */
@Entity('incident_updates')
export class IncidentUpdate {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) incidentId: number;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'integer', nullable: true }) authorId: number | null;
  @Column({ type: 'varchar', length: 100 }) idempotencyKey: string;
  /** The message sent when the incident was resolved. */
  @Column({ type: 'boolean', default: false }) final: boolean;
  @Column(timeColumn) createdAt: Date;
}
