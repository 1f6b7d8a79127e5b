import { Injectable } from '@nestjs/common';
import type { MentionView, ReminderView } from '@app/conversations';
import { UnitOfWork } from '@app/platform/database/unit-of-work';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());
const LIST_LIMIT = 100;

/** The agent's Reminders and Mentions lists. */
@Injectable()
export class AttentionQueries {
  constructor(private readonly uow: UnitOfWork) {}

  /** `upcoming`: not fired yet, soonest first; `fired`: fired, latest first; `all`: both. */
  async reminders(agentId: number, state: 'upcoming' | 'fired' | 'all'): Promise<ReminderView[]> {
    const where = state === 'upcoming' ? ' AND r."firedAt" IS NULL' : state === 'fired' ? ' AND r."firedAt" IS NOT NULL' : '';
    const order = state === 'fired' ? 'r."firedAt" DESC' : 'r."remindAt" ASC';
    const rows = await this.uow.runSql((sql) => sql.all<Record<string, unknown>>(
      `SELECT r.*, m.body FROM reminders r JOIN messages m ON m.id = r."messageId" WHERE r."agentId" = ?${where} ORDER BY ${order}, r.id LIMIT ${LIST_LIMIT}`, [agentId]));
    return rows.map((r) => ({
      id: Number(r.id), conversationId: Number(r.conversationId), messageId: Number(r.messageId), agentId: Number(r.agentId),
      createdById: r.createdById === null ? null : Number(r.createdById), remindAt: iso(r.remindAt)!, firedAt: iso(r.firedAt), text: String(r.body),
    }));
  }

  /** Notes that mention the agent, newest first. */
  async mentions(agentId: number): Promise<MentionView[]> {
    const rows = await this.uow.runSql((sql) => sql.all<Record<string, unknown>>(
      `SELECT x.*, m.body FROM mentions x JOIN messages m ON m.id = x."messageId" WHERE x."agentId" = ? ORDER BY x."createdAt" DESC, x.id DESC LIMIT ${LIST_LIMIT}`, [agentId]));
    return rows.map((r) => ({
      id: Number(r.id), conversationId: Number(r.conversationId), messageId: Number(r.messageId),
      byAgentId: r.byAgentId === null ? null : Number(r.byAgentId), at: iso(r.createdAt)!, text: String(r.body),
    }));
  }
}
