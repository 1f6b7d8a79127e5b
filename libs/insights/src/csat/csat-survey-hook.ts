import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/platform/config';
import { Conversation, ConversationChange, ConversationHook, ConversationHooks, ConversationTx, Message } from '@app/conversations';
import { channelLanguage, COMMENT_CHOICE, COMMENT_INVITATION, inLanguage, ratingOfFace } from './csat-faces';

const EVENT_COLUMNS = ['kind', 'factKey', 'conversationId', 'channelId', 'agentId', 'teamId', 'at', 'rating'] as const;

/** What our survey messages carry in their meta: the survey and the step (the faces, or the comment invitation). */
export interface CsatMeta {
  csatSurveyId: number;
  csatStep: 'rating' | 'comment';
}

/**
 * The survey's part of a conversation's changes, inside their transactions: a resolve schedules it (credited to
 * the agent and team holding the conversation then), a reopen before it is asked cancels it, a press of a face
 * records the rating (and invites a comment), and the reply to that invitation is kept as the comment. Being a
 * `choice` change, none of these reopen the conversation or touch its SLA.
 */
@Injectable()
export class CsatSurveyHook implements ConversationHook, OnModuleInit {
  readonly reactsTo = ['status', 'choice'] as const;
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly hooks: ConversationHooks) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async onChange(conversation: Conversation, change: ConversationChange, tx: ConversationTx, at: Date): Promise<boolean> {
    if (change.kind === 'status' && change.to === 'resolved') await this.schedule(conversation, tx, at);
    else if (change.kind === 'status' && change.from === 'resolved') await this.cancel(conversation, tx, at);
    else if (change.kind === 'choice') return this.answer(conversation, change.message, change.choice.id, change.offeredBy, tx, at);
    return false;
  }

  /** Asked once per conversation: a survey already asked (or skipped) is never scheduled again; a cancelled one is. */
  private async schedule(c: Conversation, tx: ConversationTx, at: Date): Promise<void> {
    const csat = this.config.channels.find((ch) => ch.id === c.channelId)?.csat;
    if (!csat?.enabled) return;
    // Teams come from another part of the inbox: credited when the conversation has one.
    const teamId = (c as Conversation & { teamId?: unknown }).teamId;
    await tx.sql.run(
      `INSERT INTO csat_surveys ("conversationId", "channelId", status, "dueAt", "resolvedAt", "agentId", "teamId", "createdAt", "updatedAt")
       VALUES (?, ?, 'scheduled', ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("conversationId") DO UPDATE SET status = 'scheduled', "dueAt" = excluded."dueAt", "resolvedAt" = excluded."resolvedAt",
         "agentId" = excluded."agentId", "teamId" = excluded."teamId", "updatedAt" = excluded."updatedAt"
       WHERE csat_surveys.status = 'cancelled'`,
      [c.id, c.channelId, at.getTime() + csat.delayMs, at.getTime(), c.assigneeId, teamId == null ? null : String(teamId), at.getTime(), at.getTime()],
    );
  }

  private async cancel(c: Conversation, tx: ConversationTx, at: Date): Promise<void> {
    await tx.sql.run(`UPDATE csat_surveys SET status = 'cancelled', "updatedAt" = ? WHERE "conversationId" = ? AND status = 'scheduled'`, [at.getTime(), c.id]);
  }

  private async answer(c: Conversation, message: Message, choiceId: string, offeredBy: Message, tx: ConversationTx, at: Date): Promise<boolean> {
    const meta = offeredBy.meta as Partial<CsatMeta> | null;
    if (typeof meta?.csatSurveyId !== 'number') return false;
    if (meta.csatStep === 'comment') {
      await tx.sql.run(`UPDATE csat_surveys SET comment = ?, "updatedAt" = ? WHERE id = ? AND comment IS NULL`, [message.body, at.getTime(), meta.csatSurveyId]);
      return false;
    }
    const rating = ratingOfFace(choiceId);
    if (rating === null) return false;
    // The first press counts; a second press of the same keyboard changes nothing.
    const recorded = await tx.sql.run(
      `UPDATE csat_surveys SET rating = ?, status = 'answered', "answeredAt" = ?, "updatedAt" = ? WHERE id = ? AND "messageId" = ? AND rating IS NULL`,
      [rating, at.getTime(), at.getTime(), meta.csatSurveyId, offeredBy.id]);
    if (!recorded) return false;
    const [survey] = await tx.sql.all<{ agentId: number | null; teamId: string | null }>('SELECT "agentId", "teamId" FROM csat_surveys WHERE id = ?', [meta.csatSurveyId]);
    tx.appendRow('reporting_events', EVENT_COLUMNS,
      ['survey_answer', `survey_answer:${meta.csatSurveyId}`, c.id, c.channelId, survey?.agentId ?? null, survey?.teamId ?? null, at.getTime(), rating],
      'ON CONFLICT ("factKey") DO NOTHING');
    const channel = this.config.channels.find((ch) => ch.id === c.channelId);
    const invitation = inLanguage(COMMENT_INVITATION, channelLanguage(channel?.settings ?? {}));
    const commentMeta: CsatMeta = { csatSurveyId: meta.csatSurveyId, csatStep: 'comment' };
    await tx.queueAutomatic(c, invitation, { ...commentMeta }, at, [COMMENT_CHOICE]);
    return true;
  }
}
