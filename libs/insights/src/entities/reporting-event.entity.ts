import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimeColumn, timeColumn } from '@app/platform/database/epoch-ms.transformer';

/**
 * The kinds recorded today. The column is free text so the kinds of later features (bot handover, escalation,
 * survey answer) join without a migration.
 */
export const REPORTING_EVENT_KINDS = [
  'opened', 'first_response', 'response', 'resolution', 'reopen', 'assignment', 'sla_warning', 'sla_breach', 'escalation', 'survey_answer',
  'bot_started', 'bot_handover', 'bot_resolved',
] as const;
export type ReportingEventKind = (typeof REPORTING_EVENT_KINDS)[number];

/**
 * One fact for the reports, append-only: written once (its `factKey` is unique) at the moment it happened, with
 * its durations already measured in calendar time and in the channel's business hours of that moment, so a
 * later change of the hours does not rewrite history.
 */
@Entity('reporting_events')
@Index('IDX_reporting_event_at', ['at'])
export class ReportingEvent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 32 }) kind: string;
  /** What makes the fact unique (e.g. `first_response:42`): a repeat of the same fact inserts nothing. */
  @Column({ type: 'varchar', length: 160, unique: true }) factKey: string;
  @Column({ type: 'integer' }) conversationId: number;
  @Column({ type: 'varchar', length: 64 }) channelId: string;
  /** The agent the fact belongs to: who answered, who was assigned, who held the conversation. */
  @Column({ type: 'integer', nullable: true }) agentId: number | null;
  /** Empty until teams exist. */
  @Column({ type: 'varchar', length: 64, nullable: true }) teamId: string | null;
  @Column(timeColumn) at: Date;
  /** The measured duration (a wait, a resolution time) in calendar milliseconds. */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) } })
  calendarMs: number | null;
  /** The same duration counted only within the channel's business hours at the time. */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) } })
  businessMs: number | null;
  /** For a response: whether it met its SLA target (null when none ran). */
  @Column({ type: 'boolean', nullable: true }) targetMet: boolean | null;
  /** For a resolution: the customer's and agents' messages in the dialogue. */
  @Column({ type: 'integer', nullable: true }) messages: number | null;
  /** When the measured span started (the customer's message, the opening), for audits. */
  @Column(nullableTimeColumn) startedAt: Date | null;
  /** Why it happened, where a fact has a why (a bot handover: word, button, no_match, limit…). */
  @Column({ type: 'varchar', length: 32, nullable: true }) reason: string | null;
}
