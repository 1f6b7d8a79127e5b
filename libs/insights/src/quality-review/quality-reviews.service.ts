import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Agent, Principal } from '@app/agents';
import { ConflictError, Conversation, InvalidRequestError, NotFoundError } from '@app/conversations';
import { Clock } from '@app/platform/clock/clock';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { isValidTimeZone } from '@app/sla/zoned-time';
import { ReportingEvent } from '../entities/reporting-event.entity';
import { ReviewAssignment, ReviewRound, ReviewSettings } from '../entities/review.entities';
import { DEFAULT_REVIEW_CRITERIA, ReviewAssignmentView, ReviewSettingsView, ReviewTrendRow } from './api-types';
import { pickForReview, ReviewCandidate, reviewWeekAt } from './review-pick.util';

/** Reporting event kinds that make a dialogue a problem, by the reason named. Kinds not recorded yet (ratings, escalations) simply never match. */
const PROBLEM_KINDS: Record<string, string> = { sla_breach: 'breached', reopen: 'reopened', escalation: 'escalated', low_rating: 'low_rating' };
const ROUND_ONCE = `INSERT INTO review_rounds ("weekStart", "seed", "periodFrom", "periodTo", "status", "dueAt", "candidates") VALUES (?, ?, ?, ?, 'scheduled', ?, 0)
  ON CONFLICT ("weekStart") DO NOTHING`;
const ASSIGN_ONCE = `INSERT INTO review_assignments ("roundId", "conversationId", "agentId", "reviewerId", "reasons", "status", "createdAt") VALUES (?, ?, ?, ?, ?, 'pending', ?)
  ON CONFLICT ("conversationId") DO NOTHING`;

/** The weekly pick of problem dialogues, the reviewers' scorecards and the agents' answers. */
@Injectable()
export class QualityReviews {
  constructor(private readonly db: DataSource, private readonly uow: UnitOfWork, private readonly clock: Clock) {}

  async settings(): Promise<ReviewSettingsView> {
    const row = await this.db.getRepository(ReviewSettings).findOneBy({ id: 1 });
    const s = row ?? { weekday: 0, hour: 9, timeZone: 'UTC', perAgent: 10, criteria: DEFAULT_REVIEW_CRITERIA, longMessages: 20 };
    return { weekday: s.weekday, hour: s.hour, timeZone: s.timeZone, perAgent: s.perAgent, criteria: s.criteria, longMessages: s.longMessages };
  }

  async updateSettings(change: Partial<ReviewSettingsView>): Promise<ReviewSettingsView> {
    if (change.timeZone !== undefined && !isValidTimeZone(change.timeZone)) throw new InvalidRequestError('timeZone', `unknown time zone ${JSON.stringify(change.timeZone)}`);
    // Only the fields given: a DTO carries the absent ones as undefined.
    const given = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    const next = { ...(await this.settings()), ...given };
    await this.db.getRepository(ReviewSettings).save({ id: 1, ...next, updatedAt: this.clock.now() });
    return next;
  }

  /**
   * Runs the pick whose moment has come (the latest at or before now), once: the round's row is created with a new
   * seed, and claimed with a conditional update in the transaction that writes its assignments, so two processes
   * or a timer firing twice pick once. Returns the round, or null when it was already picked.
   */
  async pickDue(): Promise<ReviewRound | null> {
    const settings = await this.settings();
    const now = this.clock.now().getTime();
    const week = reviewWeekAt(now, settings);
    await this.uow.runSql((sql) => sql.run(ROUND_ONCE, [week.weekStart, randomBytes(16).toString('hex'), week.from, week.to, week.to]));
    const round = await this.db.getRepository(ReviewRound).findOneByOrFail({ weekStart: week.weekStart });
    if (round.status !== 'scheduled') return null;
    const candidates = await this.candidates(round.periodFrom.getTime(), round.periodTo.getTime(), settings.longMessages);
    const picked = pickForReview(candidates, settings.perAgent, round.seed);
    const reviewers = (await this.db.getRepository(Agent).find({ where: { role: 'ops', active: true }, order: { id: 'ASC' } })).map((a) => a.id);
    const claimed = await this.uow.runSql(async (sql) => {
      const won = await sql.run(`UPDATE review_rounds SET status = 'picked', "pickedAt" = ?, candidates = ? WHERE id = ? AND status = 'scheduled'`, [now, candidates.length, round.id]);
      if (!won) return false;
      for (const [i, c] of picked.entries()) {
        await sql.run(ASSIGN_ONCE, [round.id, c.conversationId, c.agentId, reviewerFor(reviewers, c.agentId, i), JSON.stringify(c.reasons), now]);
      }
      return true;
    });
    return claimed ? this.db.getRepository(ReviewRound).findOneByOrFail({ id: round.id }) : null;
  }

  /** The next pick moment after now, for the timer. */
  async nextPickAt(): Promise<{ weekStart: string; at: number }> {
    const week = reviewWeekAt(this.clock.now().getTime(), await this.settings());
    return { weekStart: week.weekStart, at: week.next };
  }

  /**
   * The week's problem dialogues that were never picked before, each with the agent whose work it was (the one
   * the problem was recorded against, else the assignee) and all its reasons.
   */
  async candidates(from: number, to: number, longMessages: number): Promise<ReviewCandidate[]> {
    const events = await this.db.getRepository(ReportingEvent).createQueryBuilder('e')
      .where('e.at >= :from AND e.at < :to', { from, to })
      .andWhere('(e.kind IN (:...kinds) OR (e.kind = :resolution AND e.messages > :long))', { kinds: Object.keys(PROBLEM_KINDS), resolution: 'resolution', long: longMessages })
      .andWhere('e.conversationId NOT IN (SELECT a."conversationId" FROM review_assignments a)')
      .orderBy('e.id', 'ASC').getMany();
    const byConversation = new Map<number, { agentId: number | null; reasons: Set<string> }>();
    for (const e of events) {
      const entry = byConversation.get(e.conversationId) ?? { agentId: null, reasons: new Set<string>() };
      entry.reasons.add(PROBLEM_KINDS[e.kind] ?? 'long');
      entry.agentId = e.agentId ?? entry.agentId;
      byConversation.set(e.conversationId, entry);
    }
    const missing = [...byConversation].filter(([, v]) => v.agentId === null).map(([id]) => id);
    if (missing.length) {
      for (const c of await this.db.getRepository(Conversation).findBy(missing.map((id) => ({ id })))) byConversation.get(c.id)!.agentId = c.assigneeId;
    }
    return [...byConversation]
      .filter(([, v]) => v.agentId !== null)
      .map(([conversationId, v]) => ({ conversationId, agentId: v.agentId!, reasons: [...v.reasons].sort() }));
  }

  /** Ops see every assignment (or one reviewer's, one agent's); an agent sees the reviews of their own work. */
  async list(principal: Principal, filter: { reviewerId?: number; agentId?: number; status?: string }): Promise<ReviewAssignmentView[]> {
    const qb = this.db.getRepository(ReviewAssignment).createQueryBuilder('a').orderBy('a.id', 'DESC').take(500);
    const agentId = principal.role === 'ops' ? filter.agentId : principal.agentId;
    if (agentId !== undefined) qb.andWhere('a.agentId = :agentId', { agentId });
    if (filter.reviewerId !== undefined && principal.role === 'ops') qb.andWhere('a.reviewerId = :reviewerId', { reviewerId: filter.reviewerId });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    return this.views(await qb.getMany());
  }

  async get(id: number, principal: Principal): Promise<ReviewAssignmentView> {
    const a = await this.visible(id, principal);
    return (await this.views([a]))[0];
  }

  async assignReviewer(id: number, reviewerId: number): Promise<ReviewAssignmentView> {
    if (!(await this.db.getRepository(Agent).existsBy({ id: reviewerId, active: true }))) throw new InvalidRequestError('reviewerId', `no active agent ${reviewerId}`);
    await this.db.getRepository(ReviewAssignment).update({ id }, { reviewerId });
    return (await this.views([await this.assignment(id)]))[0];
  }

  /** A reviewer's scorecard: every configured criterion scored 1–5, with optional comments. Scoring again replaces it. */
  async score(id: number, principal: Principal, card: { scores: Record<string, { score: number; comment?: string | null }>; comment?: string }): Promise<ReviewAssignmentView> {
    const a = await this.assignment(id);
    if (principal.role !== 'ops' && a.reviewerId !== principal.agentId) throw new ConflictError(`review ${id} is assigned to another reviewer`);
    const { criteria } = await this.settings();
    const scores: Record<string, { score: number; comment: string | null }> = {};
    for (const key of Object.keys(card.scores)) if (!criteria.includes(key)) throw new InvalidRequestError(`scores.${key}`, `is not a criterion (${criteria.join(', ')})`);
    for (const key of criteria) {
      const given = card.scores[key];
      if (!given || !Number.isInteger(given.score) || given.score < 1 || given.score > 5) throw new InvalidRequestError(`scores.${key}.score`, 'must be a whole number from 1 to 5');
      if (given.comment !== undefined && given.comment !== null && (typeof given.comment !== 'string' || given.comment.length > 2000)) {
        throw new InvalidRequestError(`scores.${key}.comment`, 'must be text of at most 2000 characters');
      }
      scores[key] = { score: given.score, comment: given.comment?.trim() || null };
    }
    await this.db.getRepository(ReviewAssignment).update({ id }, {
      scores, comment: card.comment?.trim() || null, status: 'scored', reviewedAt: this.clock.now(), reviewerId: a.reviewerId ?? principal.agentId,
    });
    return (await this.views([await this.assignment(id)]))[0];
  }

  /** The reviewed agent answers the review (once scored). */
  async answer(id: number, principal: Principal, answer: string): Promise<ReviewAssignmentView> {
    const a = await this.visible(id, principal);
    if (a.agentId !== principal.agentId) throw new ConflictError(`only the reviewed agent answers review ${id}`);
    if (a.status !== 'scored') throw new ConflictError(`review ${id} is not scored yet`);
    await this.db.getRepository(ReviewAssignment).update({ id }, { answer: answer.trim(), answeredAt: this.clock.now() });
    return (await this.views([await this.assignment(id)]))[0];
  }

  /** Average scores per agent and week, overall and per criterion; an agent gets their own rows only. */
  async trend(principal: Principal): Promise<ReviewTrendRow[]> {
    const scored = await this.list(principal, { status: 'scored' });
    const groups = new Map<string, ReviewAssignmentView[]>();
    for (const a of scored) groups.set(`${a.agentId}|${a.weekStart}`, [...(groups.get(`${a.agentId}|${a.weekStart}`) ?? []), a]);
    const mean = (xs: number[]) => Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100;
    return [...groups.values()].map((list) => {
      const criteria = [...new Set(list.flatMap((a) => Object.keys(a.scores ?? {})))].sort();
      return {
        agentId: list[0].agentId, weekStart: list[0].weekStart, reviews: list.length,
        average: mean(list.flatMap((a) => Object.values(a.scores ?? {}).map((s) => s.score))),
        criteria: Object.fromEntries(criteria.map((k) => [k, mean(list.map((a) => a.scores?.[k]?.score).filter((s): s is number => s !== undefined))])),
      };
    }).sort((a, b) => a.agentId - b.agentId || a.weekStart.localeCompare(b.weekStart));
  }

  private async assignment(id: number): Promise<ReviewAssignment> {
    const a = await this.db.getRepository(ReviewAssignment).findOneBy({ id });
    if (!a) throw new NotFoundError('review', id);
    return a;
  }

  /** Agents reach only the reviews of their own work and those they review. */
  private async visible(id: number, principal: Principal): Promise<ReviewAssignment> {
    const a = await this.assignment(id);
    if (principal.role !== 'ops' && a.agentId !== principal.agentId && a.reviewerId !== principal.agentId) throw new NotFoundError('review', id);
    return a;
  }

  private async views(list: ReviewAssignment[]): Promise<ReviewAssignmentView[]> {
    const roundIds = [...new Set(list.map((a) => a.roundId))];
    const rounds = new Map((roundIds.length ? await this.db.getRepository(ReviewRound).findBy(roundIds.map((id) => ({ id }))) : []).map((r) => [r.id, r]));
    return list.map((a) => ({
      id: a.id, roundId: a.roundId, weekStart: rounds.get(a.roundId)?.weekStart ?? '', conversationId: a.conversationId, agentId: a.agentId,
      reviewerId: a.reviewerId, reasons: a.reasons, status: a.status, scores: a.scores, comment: a.comment,
      reviewedAt: a.reviewedAt?.toISOString() ?? null, answer: a.answer, answeredAt: a.answeredAt?.toISOString() ?? null,
    }));
  }
}

/** Reviewers in turn, never the reviewed agent themself when another reviewer exists. */
function reviewerFor(reviewers: number[], agentId: number, i: number): number | null {
  const others = reviewers.filter((r) => r !== agentId);
  const pool = others.length ? others : reviewers;
  return pool.length ? pool[i % pool.length] : null;
}
