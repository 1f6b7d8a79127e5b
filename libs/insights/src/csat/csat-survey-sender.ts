import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ChannelTypeCatalog } from '@app/channels';
import { Conversation, ConversationTx, DomainEvents, Message } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { APP_CONFIG, AppConfig, DEFAULT_CSAT_QUESTION } from '@app/platform/config';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { JobQueues } from '@app/platform/jobs/job-queues';
import { channelLanguage, CSAT_FACES, inLanguage } from './csat-faces';
import type { CsatMeta } from './csat-survey-hook';

const QUEUE = 'csat';
const HOUR = 3_600_000;

type Outcome = { asked: Message; conversation: Conversation } | { rescheduleAt: number } | null;

/**
 * Asks the survey when it comes due: a durable timer per conversation (JobQueues, keyed by the conversation) over
 * the truth in `csat_surveys`, swept at start so a timer lost with a stopped process still fires. The claim is one
 * conditional UPDATE in the transaction that queues the question, so it is asked once whichever process runs it.
 */
@Injectable()
export class CsatSurveySender implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CsatSurveySender.name);
  private stopConsuming: (() => Promise<void>) | null = null;
  private off: (() => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly jobs: JobQueues,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly channelTypes: ChannelTypeCatalog,
  ) {}

  private get enabled(): boolean {
    return this.config.channels.some((c) => c.csat?.enabled);
  }

  onModuleInit(): void {
    if (!this.enabled) return;
    // After the commit of a resolve (in whichever process made it), the timer is set from the stored row.
    this.off = this.events.on('conversation.updated', ({ conversation }) => {
      if (conversation.status === 'resolved') void this.scheduleFromDatabase(conversation.id).catch((err) => this.logger.warn(`survey of ${conversation.id} not scheduled: ${(err as Error).message}`));
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled || this.config.role === 'api') return;
    this.stopConsuming = await this.jobs.consume(QUEUE, async (data) => this.ask(Number(data.conversationId)));
    const due = await this.uow.runSql((sql) => sql.all<{ conversationId: number | string; dueAt: number | string }>(
      `SELECT "conversationId", "dueAt" FROM csat_surveys WHERE status = 'scheduled'`));
    for (const row of due) await this.jobs.add(QUEUE, keyOf(Number(row.conversationId), Number(row.dueAt)), { conversationId: Number(row.conversationId) }, Number(row.dueAt));
  }

  async onApplicationShutdown(): Promise<void> {
    this.off?.();
    await this.stopConsuming?.();
  }

  private async scheduleFromDatabase(conversationId: number): Promise<void> {
    const [row] = await this.uow.runSql((sql) => sql.all<{ dueAt: number | string }>(
      `SELECT "dueAt" FROM csat_surveys WHERE "conversationId" = ? AND status = 'scheduled'`, [conversationId]));
    if (row) await this.jobs.add(QUEUE, keyOf(conversationId, Number(row.dueAt)), { conversationId }, Number(row.dueAt));
  }

  /** Asks, skips with its reason, or drops a survey whose conversation reopened; a timer that came early waits again. */
  async ask(conversationId: number): Promise<void> {
    const outcome: Outcome = await ConversationTx.within(this.uow, async (tx) => {
      const now = this.clock.now().getTime();
      const [survey] = await tx.sql.all<{ id: number | string; dueAt: number | string }>(
        `SELECT id, "dueAt" FROM csat_surveys WHERE "conversationId" = ? AND status = 'scheduled'`, [conversationId]);
      if (!survey) return null;
      if (Number(survey.dueAt) > now) return { rescheduleAt: Number(survey.dueAt) };
      const surveyId = Number(survey.id);
      const claimed = await tx.sql.run(`UPDATE csat_surveys SET status = 'asking', "updatedAt" = ? WHERE id = ? AND status = 'scheduled'`, [now, surveyId]);
      if (!claimed) return null;
      const conversation = await tx.conversation('id = ?', [conversationId]);
      if (!conversation || conversation.status !== 'resolved') {
        await this.finish(tx, surveyId, 'cancelled', null, now);
        return null;
      }
      const skip = await this.refusal(tx, conversation, now);
      if (skip) {
        await this.finish(tx, surveyId, 'skipped', skip, now);
        return null;
      }
      const channel = this.config.channels.find((c) => c.id === conversation.channelId);
      const question = inLanguage(channel?.csat?.question ?? DEFAULT_CSAT_QUESTION, channelLanguage(channel?.settings ?? {}));
      const meta: CsatMeta = { csatSurveyId: surveyId, csatStep: 'rating' };
      const asked = await tx.queueAutomatic(conversation, question, { ...meta }, new Date(now), [...CSAT_FACES]);
      await tx.updateConversation(conversation);
      await tx.flush(); // the question's id is known once it is written
      await tx.sql.run(`UPDATE csat_surveys SET status = 'sent', "messageId" = ?, "updatedAt" = ? WHERE id = ?`, [asked.id, now, surveyId]);
      return { asked, conversation };
    });
    if (outcome && 'rescheduleAt' in outcome) {
      await this.jobs.add(QUEUE, keyOf(conversationId, outcome.rescheduleAt), { conversationId }, outcome.rescheduleAt);
    } else if (outcome) {
      this.events.emit('message.created', { message: outcome.asked, conversation: outcome.conversation });
      this.events.emit('outbox.enqueued', { channelId: outcome.conversation.channelId });
    }
  }

  /** Why the channel would refuse the question now: outside a reply window (WhatsApp Cloud's 24 hours) since the customer last wrote. */
  private async refusal(tx: ConversationTx, c: Conversation, now: number): Promise<string | null> {
    const channel = this.config.channels.find((ch) => ch.id === c.channelId);
    const window = channel ? this.channelTypes.capabilitiesOf(channel)?.replyWindow : null;
    if (!window) return null;
    // As the channel reads its window: the customer's latest message, at the time they sent it.
    const [row] = await tx.sql.all<{ sentAt: number | string | null; createdAt: number | string }>(
      `SELECT m."sentAt", m."createdAt" FROM messages m JOIN conversations c ON c.id = m."conversationId"
        WHERE c."identityId" = ? AND m.direction = ? ORDER BY m.id DESC LIMIT 1`, [c.identityId, 'in']);
    const last = row ? Math.min(Number(row.sentAt ?? row.createdAt), now) : null;
    if (last !== null && now - last < window.hours * HOUR) return null;
    const since = last === null ? 'the customer never wrote' : `the customer last wrote at ${new Date(last).toISOString()}`;
    return `outside the channel's ${window.hours}-hour reply window (${since}): ${window.outside}`;
  }

  private async finish(tx: ConversationTx, surveyId: number, status: 'cancelled' | 'skipped', reason: string | null, now: number): Promise<void> {
    await tx.sql.run(`UPDATE csat_surveys SET status = ?, "skipReason" = ?, "updatedAt" = ? WHERE id = ?`, [status, reason, now, surveyId]);
  }
}

// Keyed by the conversation and its due time: a repeat of the same timer adds nothing, a rescheduled one (reopened, resolved again) is a new job.
const keyOf = (conversationId: number, dueAt: number) => `csat-${conversationId}-${dueAt}`;
