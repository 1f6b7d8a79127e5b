import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@app/platform/database/unit-of-work';
import { csatFigures, CsatFigures } from './csat-figures.util';

export interface CsatReportFilter {
  from: Date;
  to: Date;
  channelId?: string;
  teamId?: string;
  agentId?: number;
}

export interface CsatReport extends CsatFigures {
  from: string;
  to: string;
  /** Surveys not sent in the period, by reason (outside WhatsApp's window…). */
  skipped: Array<{ reason: string; count: number }>;
  /** The comments left with a rating, newest first (at most 200). */
  comments: Array<{ conversationId: number; rating: number; comment: string; agentId: number | null; teamId: string | null; answeredAt: string }>;
}

const MAX_COMMENTS = 200;

/** The CSAT report: ratings answered in the period, credited to the agent and team who held the conversation at its resolve. */
@Injectable()
export class CsatReports {
  constructor(private readonly uow: UnitOfWork) {}

  async report(filter: CsatReportFilter): Promise<CsatReport> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.channelId) where.push('"channelId" = ?') && params.push(filter.channelId);
    if (filter.teamId) where.push('"teamId" = ?') && params.push(filter.teamId);
    if (filter.agentId !== undefined) where.push('"agentId" = ?') && params.push(filter.agentId);
    const scope = where.map((w) => ` AND ${w}`).join('');
    const period = [filter.from.getTime(), filter.to.getTime()];
    return this.uow.runSql(async (sql) => {
      const answered = await sql.all<{ conversationId: number | string; rating: number | string; comment: string | null; agentId: number | string | null; teamId: string | null; answeredAt: number | string }>(
        `SELECT "conversationId", rating, comment, "agentId", "teamId", "answeredAt" FROM csat_surveys
          WHERE rating IS NOT NULL AND "answeredAt" >= ? AND "answeredAt" < ?${scope} ORDER BY "answeredAt" DESC, id DESC`, [...period, ...params]);
      const skipped = await sql.all<{ reason: string; n: number | string }>(
        `SELECT "skipReason" AS reason, COUNT(*) AS n FROM csat_surveys
          WHERE status = 'skipped' AND "updatedAt" >= ? AND "updatedAt" < ?${scope} GROUP BY "skipReason" ORDER BY n DESC`, [...period, ...params]);
      return {
        from: filter.from.toISOString(),
        to: filter.to.toISOString(),
        ...csatFigures(answered.map((r) => Number(r.rating))),
        skipped: skipped.map((r) => ({ reason: r.reason, count: Number(r.n) })),
        comments: answered.filter((r) => r.comment).slice(0, MAX_COMMENTS).map((r) => ({
          conversationId: Number(r.conversationId), rating: Number(r.rating), comment: r.comment!, agentId: r.agentId === null ? null : Number(r.agentId),
          teamId: r.teamId, answeredAt: new Date(Number(r.answeredAt)).toISOString(),
        })),
      };
    });
  }

  /** The survey of one conversation, for the conversation view; null when none was scheduled. */
  async ofConversation(conversationId: number): Promise<{ status: string; rating: number | null; comment: string | null; skipReason: string | null; answeredAt: string | null } | null> {
    const [row] = await this.uow.runSql((sql) => sql.all<{ status: string; rating: number | string | null; comment: string | null; skipReason: string | null; answeredAt: number | string | null }>(
      'SELECT status, rating, comment, "skipReason", "answeredAt" FROM csat_surveys WHERE "conversationId" = ?', [conversationId]));
    if (!row) return null;
    return {
      status: row.status, rating: row.rating === null ? null : Number(row.rating), comment: row.comment, skipReason: row.skipReason,
      answeredAt: row.answeredAt === null ? null : new Date(Number(row.answeredAt)).toISOString(),
    };
  }
}
