import { SqlRunner } from '@app/platform/database/sql-runner';
import { RoutingMoveKind } from './entities';

export interface NewRoutingMove {
  conversationId: number;
  kind: RoutingMoveKind;
  fromTeamId?: number | null;
  toTeamId?: number | null;
  fromAgentId?: number | null;
  agentId?: number | null;
  note?: string | null;
  at: Date;
}

/** Appends a line to the conversation's routing history, inside the transaction that made the move. */
export function recordMove(sql: SqlRunner, m: NewRoutingMove): Promise<number> {
  return sql.insert(
    'INSERT INTO routing_moves ("conversationId", kind, "fromTeamId", "toTeamId", "fromAgentId", "agentId", note, "at") VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
    [m.conversationId, m.kind, m.fromTeamId ?? null, m.toTeamId ?? null, m.fromAgentId ?? null, m.agentId ?? null, m.note ?? null, m.at.getTime()]);
}
