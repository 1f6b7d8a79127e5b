import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimeColumn, timeColumn } from '@app/platform/database/epoch-ms.transformer';

/** The weekly review's settings: one row (id 1), written with defaults when first read. */
@Entity('review_settings')
export class ReviewSettings {
  @PrimaryColumn({ type: 'integer' }) id: number;
  /** The day the week's pick runs (0 = Monday) and its hour, on the wall clock of `timeZone`. */
  @Column({ type: 'integer' }) weekday: number;
  @Column({ type: 'integer' }) hour: number;
  @Column({ type: 'varchar', length: 64 }) timeZone: string;
  /** Dialogues picked per agent each week. */
  @Column({ type: 'integer' }) perAgent: number;
  /** The scorecard's criteria (keys such as greeting, accuracy, tone, solution). */
  @Column({ type: 'simple-json' }) criteria: string[];
  /** A dialogue of more messages than this counts as long. */
  @Column({ type: 'integer' }) longMessages: number;
  @Column(timeColumn) updatedAt: Date;
}

export type ReviewRoundStatus = 'scheduled' | 'picked';

/** One week's pick: its seed is stored, so the pick can be recomputed and checked. */
@Entity('review_rounds')
export class ReviewRound {
  @PrimaryGeneratedColumn() id: number;
  /** The Monday (local date) of the week whose dialogues are picked from. */
  @Column({ type: 'varchar', length: 10, unique: true }) weekStart: string;
  @Column({ type: 'varchar', length: 64 }) seed: string;
  @Column(timeColumn) periodFrom: Date;
  @Column(timeColumn) periodTo: Date;
  @Column({ type: 'varchar', length: 16 }) status: ReviewRoundStatus;
  @Column(timeColumn) dueAt: Date;
  @Column(nullableTimeColumn) pickedAt: Date | null;
  @Column({ type: 'integer', default: 0 }) candidates: number;
}

export type ReviewAssignmentStatus = 'pending' | 'scored';

/** A picked dialogue for a reviewer to score; a conversation is picked at most once ever (unique). */
@Entity('review_assignments')
export class ReviewAssignment {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) roundId: number;
  @Column({ type: 'integer', unique: true }) conversationId: number;
  /** The agent whose work is reviewed. */
  @Column({ type: 'integer' }) agentId: number;
  @Column({ type: 'integer', nullable: true }) reviewerId: number | null;
  /** Why the dialogue was a problem: low_rating, breached, reopened, escalated, long. */
  @Column({ type: 'simple-json' }) reasons: string[];
  @Column({ type: 'varchar', length: 16 }) status: ReviewAssignmentStatus;
  /** Criterion → { score 1–5, comment }. */
  @Column({ type: 'simple-json', nullable: true }) scores: Record<string, { score: number; comment: string | null }> | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column(nullableTimeColumn) reviewedAt: Date | null;
  /** The reviewed agent's answer. */
  @Column({ type: 'text', nullable: true }) answer: string | null;
  @Column(nullableTimeColumn) answeredAt: Date | null;
  @Column(timeColumn) createdAt: Date;
}
