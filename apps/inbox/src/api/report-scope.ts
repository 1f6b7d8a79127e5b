import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { Principal } from '@app/agents';
import { InvalidRequestError } from '@app/conversations';

const DAY = 86_400_000;
/** The longest period one report covers (a year and a bit: this year against the last). */
export const MAX_REPORT_DAYS = 400;

/**
 * Whose figures a caller may read: ops see everyone (and may pick one agent); an agent sees only their own,
 * whatever they ask for. There are no teams yet: when team leads come, their "their teams' agents" rule goes here.
 */
export function reportAgentScope(principal: Principal, requestedAgentId: number | undefined): number | undefined {
  if (principal.role === 'ops') return requestedAgentId;
  return principal.agentId;
}

/** The period of a report's query string; `reportPeriod` fills in what is missing. */
export class ReportPeriodQuery {
  @ApiPropertyOptional({ description: 'Start (ISO 8601); default the report\'s usual period (7 or 30 days) before the end' })
  @IsOptional() @IsISO8601({}, { message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ description: 'End (ISO 8601); default now' })
  @IsOptional() @IsISO8601({}, { message: 'to must be an ISO 8601 date' })
  to?: string;
}

/**
 * The period a report covers: up to `to` (default `now`), from `from` (default `defaultDays` before `to`). A `from`
 * after `to`, and with `maxDays` a longer period, is refused naming `from`.
 */
export function reportPeriod(query: ReportPeriodQuery, now: Date, defaultDays: number, maxDays?: number): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultDays * DAY);
  if (from.getTime() > to.getTime()) throw new InvalidRequestError('from', 'must be before to');
  if (maxDays !== undefined && to.getTime() - from.getTime() > maxDays * DAY) throw new InvalidRequestError('from', `the period may cover at most ${maxDays} days`);
  return { from, to };
}
