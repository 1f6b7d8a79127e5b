import { Injectable } from '@nestjs/common';
import type { MentionView, ReminderView } from '@app/conversations';
import { UnitOfWork } from '@app/platform/database/unit-of-work';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());
const LIST_LIMIT = 100;
const REMINDER_SELECT = 'SELECT r.*, m.body FROM reminders r JOIN messages m ON m.id = r."messageId"';

/** A `reminders` row joined with its note's text, as the API shows it. */
export function toReminderView(r: Record<string, unknown>): ReminderView {
  return {
    id: Number(r.id), conversationId: Number(r.conversationId), messageId: Number(r.messageId), agentId: Number(r.agentId),
    createdById: r.createdById === null ? null : Number(r.createdById), remindAt: iso(r.remindAt)!, firedAt: iso(r.firedAt), text: String(r.body),
  };
}

/** The agent's Reminders and Mentions lists. */
@Injectable()
export class AttentionQueries {
  constructor(private readonly uow: UnitOfWork) {}

  /** `upcoming`: not fired yet, soonest first; `fired`: fired, latest first; `all`: both. */
  async reminders(agentId: number, state: 'upcoming' | 'fired' | 'all'): Promise<ReminderView[]> {
    const where = state === 'upcoming' ? ' AND r."firedAt" IS NULL' : state === 'fired' ? ' AND r."firedAt" IS NOT NULL' : '';
    const order = state === 'fired' ? 'r."firedAt" DESC' : 'r."remindAt" ASC';
    const rows = await this.uow.runSql((sql) => sql.all<Record<string, unknown>>(
      `${REMINDER_SELECT} WHERE r."agentId" = ?${where} ORDER BY ${order}, r.id LIMIT ${LIST_LIMIT}`, [agentId]));
    return rows.map(toReminderView);
  }

  /** The agent's reminders on one conversation that have not fired yet, soonest first (the conversation view's list). */
  async pendingOn(conversationId: number, agentId: number): Promise<ReminderView[]> {
    const rows = await this.uow.runSql((sql) => sql.all<Record<string, unknown>>(
      `${REMINDER_SELECT} WHERE r."conversationId" = ? AND r."agentId" = ? AND r."firedAt" IS NULL ORDER BY r."remindAt" ASC, r.id LIMIT ${LIST_LIMIT}`,
      [conversationId, agentId]));
    return rows.map(toReminderView);
  }

  /** One reminder, fired or not; null when there is none (never set, or cancelled). */
  async reminder(id: number): Promise<ReminderView | null> {
    const [row] = await this.uow.runSql((sql) => sql.all<Record<string, unknown>>(`${REMINDER_SELECT} WHERE r.id = ?`, [id]));
    return row ? toReminderView(row) : null;
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
