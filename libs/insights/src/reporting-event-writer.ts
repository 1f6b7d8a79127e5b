import { Injectable } from '@nestjs/common';
import type { ConversationTx } from '@app/conversations';
import { SqlRunner } from '@app/platform/database/sql-runner';
import { ReportingEventKind } from './entities/reporting-event.entity';

export interface NewReportingEvent {
  kind: ReportingEventKind;
  factKey: string;
  conversationId: number;
  channelId: string;
  agentId: number | null;
  at: Date;
  calendarMs?: number | null;
  businessMs?: number | null;
  targetMet?: boolean | null;
  messages?: number | null;
  startedAt?: Date | null;
  reason?: string | null;
}

const COLUMNS = ['kind', 'factKey', 'conversationId', 'channelId', 'agentId', 'teamId', 'at', 'calendarMs', 'businessMs', 'targetMet', 'messages', 'startedAt', 'reason'];
const ONCE = 'ON CONFLICT ("factKey") DO NOTHING';
const INSERT = `INSERT INTO reporting_events (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ${ONCE}`;
/** Copies the SLA clock's warnings and breaches (written in the clock's own transaction) as reporting events. */
const COPY_SLA_ALERTS = `INSERT INTO reporting_events ("kind", "factKey", "conversationId", "channelId", "agentId", "at", "startedAt")
  SELECT CASE s.kind WHEN 'warning' THEN 'sla_warning' ELSE 'sla_breach' END,
         CASE s.kind WHEN 'warning' THEN 'sla_warning:' ELSE 'sla_breach:' END || s."conversationId" || ':' || s.target || ':' || COALESCE(s."dueAt", s."at"),
         s."conversationId", s."channelId", s."agentId", s."at", s."dueAt"
  FROM sla_events s WHERE s.kind IN ('warning', 'breached') AND s."at" >= ?`;

function rowOf(e: NewReportingEvent): unknown[] {
  return [
    e.kind, e.factKey, e.conversationId, e.channelId, e.agentId, null, e.at.getTime(), e.calendarMs ?? null, e.businessMs ?? null,
    e.targetMet ?? null, e.messages ?? null, e.startedAt ? e.startedAt.getTime() : null, e.reason ?? null,
  ];
}

/**
 * The one writer of `reporting_events`. Every fact has a key; a second insert of the same key (a retried
 * transaction, a second process hearing the same alert) changes nothing.
 */
@Injectable()
export class ReportingEventWriter {
  /** Resolves true when the fact was new. */
  async record(sql: SqlRunner, e: NewReportingEvent): Promise<boolean> {
    return (await sql.run(INSERT, rowOf(e))) > 0;
  }

  /**
   * Records the fact with the transaction's other writes at its end, in one statement with the batch's other facts
   * (ingest opening a thousand conversations in one transaction writes their `opened` facts together).
   */
  recordAtFlush(tx: ConversationTx, e: NewReportingEvent): void {
    tx.appendRow('reporting_events', COLUMNS, rowOf(e), ONCE);
  }

  /** Copies the SLA alerts fired since `since` that are not recorded yet; resolves how many were new. */
  copySlaAlerts(sql: SqlRunner, since: Date): Promise<number> {
    return sql.run(`${COPY_SLA_ALERTS} ON CONFLICT ("factKey") DO NOTHING`, [since.getTime()]);
  }
}
