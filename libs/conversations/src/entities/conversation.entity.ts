import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimeColumn, timeColumn } from '@app/platform/database/epoch-ms.transformer';

import type { ConversationStatus, SlaState } from '../api-types';

export { CONVERSATION_STATUSES, SLA_STATES } from '../api-types';
export type { ConversationStatus, SlaState } from '../api-types';

@Entity('conversations')
export class Conversation {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) channelId: string;
  @Column({ type: 'integer' }) contactId: number;
  /** The identity replies go to (a contact merged from several people keeps each conversation's address). */
  @Column({ type: 'integer' }) identityId: number;
  @Column({ type: 'varchar', length: 16 }) status: ConversationStatus;
  @Column({ type: 'integer', nullable: true }) assigneeId: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) subject: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) lastMessagePreview: string | null;
  @Column(timeColumn) lastMessageAt: Date;
  @Column(nullableTimeColumn) lastInboundAt: Date | null;
  /** The customer wrote after our last reply (or we never replied). */
  @Column({ type: 'boolean', default: false }) awaitingReply: boolean;
  /** Since when the customer has waited for us (oldest unanswered message), else the last activity: the tie-break of "most urgent first". */
  @Column(timeColumn) waitingSince: Date;
  @Column(nullableTimeColumn) firstResponseDueAt: Date | null;
  @Column(nullableTimeColumn) nextResponseDueAt: Date | null;
  @Column(nullableTimeColumn) resolutionDueAt: Date | null;
  @Column(nullableTimeColumn) firstRespondedAt: Date | null;
  /** The earliest live deadline; indexed, it is what the inbox sorts by and the SLA clock loads. */
  @Column(nullableTimeColumn) dueAt: Date | null;
  /** When the warning for dueAt fires. */
  @Column(nullableTimeColumn) warnAt: Date | null;
  @Column({ type: 'varchar', length: 16, default: 'ok' }) slaState: SlaState;
  /** The SLA reducer's state, so each event updates deadlines without reading the whole history. */
  @Column({ type: 'simple-json', nullable: true }) slaClock: Record<string, unknown> | null;
  /** While snoozed: when it wakes up (reopens); null otherwise. */
  @Column(nullableTimeColumn) snoozedUntil: Date | null;
  /** Customer messages its assignee has not opened yet; cleared when the assignee opens the conversation. */
  @Column({ type: 'integer', default: 0 }) unreadCount: number;
  /** The team whose queue the conversation belongs to (routing), or null. */
  @Column({ type: 'integer', nullable: true }) teamId: number | null;
  /** When it last entered its team's queue unassigned: the start of the overflow timer. */
  @Column(nullableTimeColumn) queuedAt: Date | null;
  /** The bot's part of the conversation (see bot-hold.ts); null when no bot met it. */
  @Column({ type: 'simple-json', nullable: true }) bot: Record<string, unknown> | null;
  /** Whether the bot holds it (`heldByBot(bot)`), written with `bot` on every save: the inbox list filters on it. */
  @Column({ type: 'boolean', default: false }) heldByBot: boolean;
  /** The customer's language (`ru`, `en`) as their channel told it; automatic messages are written in it. */
  @Column({ type: 'varchar', length: 16, nullable: true }) language: string | null;
  /** The topic the customer chose before the chat (web chat pre-chat form): what routing to a team reads. */
  @Column({ type: 'varchar', length: 64, nullable: true }) topic: string | null;
  /**
   * Our latest message while it offers choices and only notes came after it (set and cleared by ConversationTx as
   * messages are added): a short typed reply of the customer may answer it (choice-offers.ts); null otherwise.
   */
  @Column({ type: 'integer', nullable: true }) offerMessageId: number | null;
  @Column(timeColumn) createdAt: Date;
  @Column(timeColumn) updatedAt: Date;
}
